namespace GoDocker.Reliability.Tests.Fuzzing;

/// <summary>Keeps failure messages readable when the input is megabytes long.</summary>
public static class Describe
{
    public static string Short(string input, int max = 400) =>
        input.Length <= max + 40 ? input : $"{input[..(max / 2)]} …[{input.Length - max} chars]… {input[^(max / 2)..]}";
}
