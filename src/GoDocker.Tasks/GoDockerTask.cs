using GoDocker.Core.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoDocker.Tasks;

/// <summary>
/// Base of every GoDocker task: runs Core asynchronously, honours Ctrl+C, and turns every failure into a GD
/// diagnostic, so no exception ever escapes as MSB4018.
/// </summary>
public abstract class GoDockerTask : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new();

    public void Cancel() => _cancellation.Cancel();

    public sealed override bool Execute()
    {
        var log = new MSBuildOperationLog(Log, BuildEngine, WarningsAsMessages);
        try
        {
            ExecuteAsync(log, _cancellation.Token).GetAwaiter().GetResult();
        }
        catch (DiagnosticException e)
        {
            log.Report(e.Diagnostic);
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            log.Report(DiagnosticCatalog.Cancelled.Create(GetType().Name));
            return false;
        }
        catch (Exception e)
        {
            log.Report(DiagnosticCatalog.InternalError.Create($"{e.GetType().Name}: {e.Message}"));
            Log.LogMessage(MessageImportance.Low, "{0}", e.ToString());
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>The project's MSBuildWarningsAsMessages, so GitHub annotations leave out what NoWarn silences.</summary>
    protected virtual string? WarningsAsMessages => null;

    protected abstract System.Threading.Tasks.Task ExecuteAsync(IOperationLog log, CancellationToken cancellationToken);
}
