namespace GoDocker.Core.ModuleZip;

/// <summary>Which files a module zip would contain, leave out, or cannot contain (x/mod's zip.CheckedFiles).</summary>
public sealed record CheckedFiles(
    IReadOnlyList<string> Valid,
    IReadOnlyList<FileError> Omitted,
    IReadOnlyList<FileError> Invalid,
    string? SizeError)
{
    public static readonly CheckedFiles Empty = new([], [], [], null);

    /// <summary>Null when the files make a valid module zip; else the size error or one line per invalid file.</summary>
    public string? Error => SizeError ?? (Invalid.Count > 0 ? string.Join("\n", Invalid) : null);

    public bool IsValid => Error is null;

    /// <summary>The report layout the x/mod tests print: valid, omitted and invalid sections.</summary>
    public string Report()
    {
        var sb = new System.Text.StringBuilder("valid:\n");
        foreach (var v in Valid) sb.Append(v).Append('\n');
        sb.Append("\nomitted:\n");
        foreach (var o in Omitted) sb.Append(o).Append('\n');
        sb.Append("\ninvalid:\n");
        foreach (var i in Invalid) sb.Append(i).Append('\n');
        return sb.ToString();
    }
}
