namespace GoDocker.Core.ModuleZip;

/// <summary>A file left out of a module zip, or rejected, with the go command's reason.</summary>
public sealed record FileError(string Path, string Error)
{
    public override string ToString() => $"{Path}: {Error}";
}
