namespace GoDocker.Core.Verification;

/// <summary>The status line, headers and (a bounded prefix of) the body of one HTTP/1.1 response.</summary>
public sealed record HttpAnswer(int StatusCode, string ReasonPhrase, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>404 and 410 are what the go command treats as "not found" (it falls through under ',').</summary>
    public bool IsNotFound => StatusCode is 404 or 410;

    public override string ToString() => $"{StatusCode} {ReasonPhrase}".TrimEnd();
}
