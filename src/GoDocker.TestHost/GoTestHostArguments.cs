namespace GoDocker.TestHost;

/// <summary>The host's own option, taken out before the platform parses the rest (it rejects options it does not know).</summary>
internal static class GoTestHostArguments
{
    public const string RequestOption = "--godocker-request";

    public static (string? RequestPath, string[] PlatformArgs) Split(string[] args)
    {
        var index = Array.IndexOf(args, RequestOption);
        if (index < 0 || index + 1 >= args.Length)
        {
            return (null, args);
        }
        return (args[index + 1], [.. args.Take(index), .. args.Skip(index + 2)]);
    }
}
