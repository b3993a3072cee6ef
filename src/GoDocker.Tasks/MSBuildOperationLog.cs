using GoDocker.Core.Diagnostics;
using GoDocker.Core.Reporting;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoDocker.Tasks;

/// <summary>
/// Reports Core diagnostics as MSBuild errors and warnings with code, position and help link. On GitHub Actions each
/// one is also logged once as a workflow command, because GitHub's MSBuild problem matcher does not match GD's
/// four-number positions; the canonical MSBuild line stays as it is.
/// </summary>
internal sealed class MSBuildOperationLog : IOperationLog
{
    private readonly TaskLoggingHelper _log;
    private readonly IBuildEngine? _engine;
    private readonly bool _gitHubActions = GitHubWorkflowCommand.IsGitHubActions();
    private readonly HashSet<string> _warningsAsMessages;

    /// <param name="warningsAsMessages">The project's MSBuildWarningsAsMessages (NoWarn lands there); MSBuild offers tasks no way to ask.</param>
    public MSBuildOperationLog(TaskLoggingHelper log, IBuildEngine? engine = null, string? warningsAsMessages = null)
    {
        _log = log;
        _engine = engine;
        _warningsAsMessages = new HashSet<string>(
            (warningsAsMessages ?? "").Split([';', ',', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            StringComparer.OrdinalIgnoreCase);
    }

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
        if (_gitHubActions && AnnotatedSeverity(diagnostic) is { } severity)
        {
            // High importance: shown at the minimal verbosity CI builds use.
            _log.LogMessage(MessageImportance.High, "{0}", GitHubWorkflowCommand.For(diagnostic, WorkspacePath.FromEnvironment(), severity));
        }
    }

    /// <summary>
    /// The severity MSBuild gives the diagnostic after NoWarn (MSBuildWarningsAsMessages), WarningsAsErrors and
    /// TreatWarningsAsErrors, so the annotation agrees with the build: null when it was silenced.
    /// </summary>
    private DiagnosticSeverity? AnnotatedSeverity(Diagnostic diagnostic)
    {
        if (diagnostic.Severity != DiagnosticSeverity.Warning)
        {
            return diagnostic.Severity;
        }
        if (_engine is IBuildEngine8 engine && engine.ShouldTreatWarningAsError(diagnostic.Code))
        {
            return DiagnosticSeverity.Error;
        }
        return _warningsAsMessages.Contains(diagnostic.Code) ? null : DiagnosticSeverity.Warning;
    }
}
