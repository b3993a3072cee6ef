using GoDocker.Core.Diagnostics;

namespace GoDocker.Cli;

/// <summary>Progress to stderr (so stdout stays machine-readable), diagnostics collected for the chosen format.</summary>
internal sealed class ConsoleOperationLog : IOperationLog
{
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly bool _verbose;
    private readonly bool _quiet;

    public ConsoleOperationLog(bool verbose, bool quiet)
    {
        _verbose = verbose;
        _quiet = quiet;
    }

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public void Progress(string text)
    {
        if (!_quiet)
        {
            Console.Error.WriteLine(text);
        }
    }

    public void Detail(string text)
    {
        if (_verbose)
        {
            Console.Error.WriteLine(text);
        }
    }

    public void Report(Diagnostic diagnostic)
    {
        lock (_diagnostics)
        {
            _diagnostics.Add(diagnostic);
        }
    }
}
