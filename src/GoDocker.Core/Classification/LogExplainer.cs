using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Classification;

/// <summary>
/// The engine of <c>godocker explain</c>: classifies a saved log of a failed go or docker build run (a CI log, a
/// terminal paste) with the same rules as the download stage, pointing into the given project's go.mod, go.sum and
/// project file. The log is taken to be of a failure, so a log with nothing recognizable still yields GD6999.
/// </summary>
public sealed class LogExplainer(GoOutputClassifier classifier)
{
    public LogExplainer()
        : this(GoOutputClassifier.Default)
    {
    }

    public IReadOnlyList<Diagnostic> Explain(string log, GoProjectSettings? settings) =>
        Explain(log, settings is null ? NoDiagnosticPositions.Instance : ProjectDiagnosticPositions.For(settings));

    public IReadOnlyList<Diagnostic> Explain(string log, IDiagnosticPositions positions)
    {
        ArgumentNullException.ThrowIfNull(log);
        return classifier.Classify(log, positions);
    }

    /// <summary>Reads the log from a file, or from <paramref name="standardInput"/> when the path is "-".</summary>
    public static async Task<string> ReadLogAsync(string pathOrDash, TextReader standardInput, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pathOrDash);
        ArgumentNullException.ThrowIfNull(standardInput);
        if (pathOrDash == "-")
        {
            return await standardInput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        if (!File.Exists(pathOrDash))
        {
            throw new DiagnosticException(DiagnosticCatalog.InvalidCommandLineValue.Create("log", pathOrDash, "no such file; give a saved log, or '-' to read standard input"));
        }
        return await File.ReadAllTextAsync(pathOrDash, cancellationToken).ConfigureAwait(false);
    }
}
