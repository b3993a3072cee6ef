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
    public static async Task<string> ReadLogAsync(string pathOrDash, TextReader standardInput, CancellationToken cancellationToken) =>
        (await ReadExcerptAsync(pathOrDash, standardInput, new BoundedLogReader(), cancellationToken).ConfigureAwait(false)).Text;

    /// <summary>
    /// Reads the log in bounded memory (see <see cref="BoundedLogReader"/>). A log that cannot be read, or that does
    /// not end within the reader's limit, is a <see cref="DiagnosticException"/> (GD1014) rather than an endless read.
    /// </summary>
    public static async Task<LogExcerpt> ReadExcerptAsync(string pathOrDash, TextReader standardInput, BoundedLogReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pathOrDash);
        ArgumentNullException.ThrowIfNull(standardInput);
        ArgumentNullException.ThrowIfNull(reader);
        LogExcerpt excerpt;
        if (pathOrDash == "-")
        {
            excerpt = await reader.ReadAsync(standardInput, cancellationToken).ConfigureAwait(false);
        }
        else if (Directory.Exists(pathOrDash))
        {
            throw Unreadable(pathOrDash, "it is a folder; give a saved log file, or '-' to read standard input");
        }
        else if (!File.Exists(pathOrDash))
        {
            throw Unreadable(pathOrDash, "no such file; give a saved log, or '-' to read standard input");
        }
        else
        {
            excerpt = await ReadFileAsync(pathOrDash, reader, cancellationToken).ConfigureAwait(false);
        }
        if (!excerpt.ReachedEnd)
        {
            throw Unreadable(pathOrDash, $"it did not end within {excerpt.CharsRead >> 20} MiB; explain reads a saved log, so save the output of the run to a file and pass its path");
        }
        return excerpt;
    }

    private static async Task<LogExcerpt> ReadFileAsync(string path, BoundedLogReader reader, CancellationToken cancellationToken)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            if (file.CanSeek && file.Length > reader.InputLimit)
            {
                // Only the end of a longer file can be kept anyway; skip straight to the part that can.
                file.Seek(file.Length - reader.InputLimit, SeekOrigin.Begin);
            }
            using var text = new StreamReader(file, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
            return await reader.ReadAsync(text, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(path, $"reading it failed ({e.Message.TrimEnd('.')}); give a saved log file, or '-' to read standard input");
        }
    }

    private static DiagnosticException Unreadable(string pathOrDash, string reason) =>
        new(DiagnosticCatalog.InvalidCommandLineValue.Create("log", pathOrDash, reason));
}
