using System.Text;

namespace GoDocker.Core.GoEnvironment;

/// <summary>
/// The case encoding of module paths in proxy URLs (<c>github.com/Azure</c> → <c>github.com/!azure</c>).
/// Only what building endpoint URLs needs; the full module.CheckPath rules live with the module path model.
/// </summary>
internal static class GoModulePathEscaping
{
    public static string Escape(string path)
    {
        var builder = new StringBuilder(path.Length + 4);
        foreach (var c in path)
        {
            if (c is >= 'A' and <= 'Z')
            {
                builder.Append('!').Append((char)(c + ('a' - 'A')));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
