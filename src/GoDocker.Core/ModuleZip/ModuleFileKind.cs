namespace GoDocker.Core.ModuleZip;

/// <summary>What Lstat says a module file is; only regular files go into a zip.</summary>
public enum ModuleFileKind
{
    Regular,
    Directory,
    Symlink,
    Other,
}
