using System.Net;
using System.Text.RegularExpressions;

namespace GoDocker.Core.Verification;

/// <summary>
/// A <c>&lt;meta name="go-import" content="prefix vcs repo"&gt;</c> tag, as the go command reads it from a direct
/// origin's <c>?go-get=1</c> answer (cmd/go/internal/vcs, discovery.go): tags are read until <c>&lt;body&gt;</c> or
/// <c>&lt;/head&gt;</c>, the one whose prefix is a path prefix of the import path is used, a <c>mod</c> tag wins over
/// a VCS tag, and any other second match is an error (null here, since the go command would stop too).
/// </summary>
public sealed partial record GoImport(string Prefix, string Vcs, string RepoRoot)
{
    public static GoImport? Find(string html, string importPath)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(importPath);
        var end = EndOfHead().Match(html);
        var head = end.Success ? html[..end.Index] : html;
        GoImport? match = null;
        foreach (Match tag in MetaTag().Matches(head))
        {
            var attributes = Attribute().Matches(tag.Value).ToDictionary(
                a => a.Groups["name"].Value.ToLowerInvariant(),
                a => WebUtility.HtmlDecode(a.Groups["value"].Value),
                StringComparer.Ordinal);
            if (!attributes.TryGetValue("name", out var name) || name != "go-import" || !attributes.TryGetValue("content", out var content))
            {
                continue;
            }
            var fields = content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length is not (3 or 4))
            {
                continue;
            }
            var candidate = new GoImport(fields[0], fields[1], fields[2]);
            if (!IsPathPrefix(importPath, candidate.Prefix))
            {
                continue;
            }
            if (match is null || (match.Vcs != "mod" && candidate.Vcs == "mod"))
            {
                match = candidate;
            }
            else if (!(match.Vcs == "mod" && candidate.Vcs != "mod"))
            {
                return null;
            }
        }
        return match;
    }

    private static bool IsPathPrefix(string path, string prefix) =>
        path == prefix || (path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length && path[prefix.Length] == '/');

    [GeneratedRegex(@"<body\b|</head\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex EndOfHead();

    [GeneratedRegex(@"<meta\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex MetaTag();

    [GeneratedRegex(@"(?<name>[A-Za-z-]+)\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s>""']+))")]
    private static partial Regex Attribute();
}
