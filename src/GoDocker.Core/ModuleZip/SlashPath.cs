using System.Text;

namespace GoDocker.Core.ModuleZip;

/// <summary>Go's path package (Clean, Split, Base, Dir) for slash-separated paths.</summary>
internal static class SlashPath
{
    /// <summary>path.Clean: the shortest equivalent path, lexically.</summary>
    public static string Clean(string path)
    {
        if (path.Length == 0) return ".";
        var rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
                else if (!rooted) parts.Add("..");
                continue;
            }
            parts.Add(part);
        }
        var sb = new StringBuilder();
        if (rooted) sb.Append('/');
        sb.AppendJoin('/', parts);
        return sb.Length == 0 ? "." : sb.ToString();
    }

    /// <summary>path.Split: (dir with trailing slash, file).</summary>
    public static (string Dir, string File) Split(string path)
    {
        var i = path.LastIndexOf('/');
        return (path[..(i + 1)], path[(i + 1)..]);
    }

    /// <summary>path.Base.</summary>
    public static string Base(string path)
    {
        if (path.Length == 0) return ".";
        path = path.TrimEnd('/');
        if (path.Length == 0) return "/";
        var i = path.LastIndexOf('/');
        return i >= 0 ? path[(i + 1)..] : path;
    }

    /// <summary>path.Dir.</summary>
    public static string Dir(string path) => Clean(Split(path).Dir);
}
