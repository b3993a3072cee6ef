using System.Text;

namespace GoDocker.Core.Dockerfiles;

/// <summary>
/// A value in an ENV instruction: double-quoted, with the characters the Dockerfile parser treats specially inside
/// quotes (backslash, quote, and <c>$</c> for variable substitution) escaped, so the image holds the value verbatim.
/// Values never contain line breaks: the settings reader rejects them.
/// </summary>
public static class DockerfileValue
{
    public static string Quote(string value)
    {
        if (value.IndexOfAny(['\r', '\n']) >= 0)
        {
            throw new ArgumentException("A Dockerfile value cannot hold a line break.", nameof(value));
        }
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '\\' or '"' or '$')
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
