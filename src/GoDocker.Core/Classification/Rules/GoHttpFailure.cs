using System.Text.RegularExpressions;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// An HTTP status the go command reported for a URL when a fetch failed, in any of its forms: <c>reading URL: 404 Not Found</c> (Go 1.13+,
/// with an optional <c>server response:</c> block), <c>unexpected status (URL): 410 Gone</c> (Go 1.12), and the
/// <c>go get -x</c> trace <c># get URL: 410 Gone (0.165s)</c>.
/// </summary>
public sealed partial record GoHttpFailure(FetchedUrl Url, int StatusCode, string Status, string? ServerResponse, int Index)
{
    public static IEnumerable<GoHttpFailure> In(string text)
    {
        foreach (Match m in Answer().Matches(text))
        {
            if (GoMessage.ParseUrl(m.Groups["url"].Value) is not { } url)
            {
                continue;
            }
            var status = m.Groups["status"].Value.Trim();
            yield return new GoHttpFailure(url, int.Parse(m.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture),
                status, ServerResponseAfter(text, m.Index + m.Length), m.Index);
        }
    }

    /// <summary>"404 Not Found (server says: ...)" so the proxy's own explanation reaches the user.</summary>
    public string StatusWithResponse =>
        ServerResponse is null ? Status : $"{Status} (server response: {ServerResponse})";

    public bool IsNotFound => StatusCode is 404 or 410;

    private static string? ServerResponseAfter(string text, int index)
    {
        var at = text.IndexOf("server response:", index, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        // Only the response of this answer: stop at the next reported URL.
        var end = Answer().Match(text, at) is { Success: true } next ? next.Index : text.Length;
        var response = Whitespace().Replace(text[(at + "server response:".Length)..end], " ").Trim();
        return response.Length == 0 ? null : response.Length <= 400 ? response : response[..400] + "...";
    }

    [GeneratedRegex(@"(?<url>https?://[^\s""()]+)\)?: (?<status>(?<code>[1-5]\d\d)(?: [A-Za-z][A-Za-z' -]*[A-Za-z])?)")]
    private static partial Regex Answer();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
