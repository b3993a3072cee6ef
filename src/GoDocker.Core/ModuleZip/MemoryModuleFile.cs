namespace GoDocker.Core.ModuleZip;

/// <summary>A regular file whose content is held in memory (tests, generated files such as a LICENSE copy).</summary>
public sealed record MemoryModuleFile(string Path, byte[] Content) : IModuleFile
{
    public ModuleFileKind Kind => ModuleFileKind.Regular;

    public long Size => Content.LongLength;

    public ValueTask<Stream> OpenAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<Stream>(new MemoryStream(Content, writable: false));
}
