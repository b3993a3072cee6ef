namespace GoDocker.Core.Classification;

/// <summary>
/// One module's failure in <c>go mod download -json</c> output: its Path and Version fields, and the lines of
/// <see cref="BuildOutput.Lines"/> that hold its Error text.
/// </summary>
public sealed record ModuleError(string Path, string? Version, int FirstLine, int LastLine)
{
    public bool Covers(OutputFinding finding) => finding.FirstLine <= LastLine && finding.LastLine >= FirstLine;

    public override string ToString() => Version is null ? Path : $"{Path}@{Version}";
}
