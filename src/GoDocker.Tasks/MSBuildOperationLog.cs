using GoDocker.Core.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoDocker.Tasks;

/// <summary>Reports Core diagnostics as MSBuild errors and warnings with code, position and help link.</summary>
internal sealed class MSBuildOperationLog : IOperationLog
{
    private readonly TaskLoggingHelper _log;

    public MSBuildOperationLog(TaskLoggingHelper log) => _log = log;

    public void Progress(string text) => _log.LogMessage(MessageImportance.Normal, "{0}", text);

    public void Detail(string text) => _log.LogMessage(MessageImportance.Low, "{0}", text);

    public void Report(Diagnostic diagnostic)
    {
        var l = diagnostic.Location;
        var file = l?.File;
        switch (diagnostic.Severity)
        {
            case DiagnosticSeverity.Error:
                _log.LogError(null, diagnostic.Code, null, diagnostic.HelpLink, file, l?.Line ?? 0, l?.Column ?? 0, l?.EndLine ?? 0, l?.EndColumn ?? 0, "{0}", diagnostic.Message);
                break;
            case DiagnosticSeverity.Warning:
                _log.LogWarning(null, diagnostic.Code, null, diagnostic.HelpLink, file, l?.Line ?? 0, l?.Column ?? 0, l?.EndLine ?? 0, l?.EndColumn ?? 0, "{0}", diagnostic.Message);
                break;
            default:
                _log.LogMessage(null, diagnostic.Code, null, file, l?.Line ?? 0, l?.Column ?? 0, l?.EndLine ?? 0, l?.EndColumn ?? 0, MessageImportance.High, "{0}", diagnostic.Message);
                break;
        }
    }
}
