using GoDocker.Core.Modules;

namespace GoDocker.Core.ModuleZip;

/// <summary>Creating, checking or extracting a module zip failed; Message matches the go command's wording
/// ("create zip: ...", "unzip &lt;file&gt;: ...").</summary>
public sealed class ModuleZipException : ModuleException
{
    public ModuleZipException(string message, CheckedFiles? checkedFiles = null, Exception? inner = null)
        : base(message, inner) => CheckedFiles = checkedFiles;

    /// <summary>The per-file report when the failure came from the file checks.</summary>
    public CheckedFiles? CheckedFiles { get; }
}
