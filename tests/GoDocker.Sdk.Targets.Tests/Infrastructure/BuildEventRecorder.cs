using System.Collections.Concurrent;
using Microsoft.Build.Framework;

namespace GoDocker.Sdk.Targets.Tests.Infrastructure;

/// <summary>Keeps every event of an in-process build, in order, for the assertions a person would make reading its log.</summary>
public sealed class BuildEventRecorder : ILogger
{
    private readonly ConcurrentQueue<BuildEventArgs> _events = new();

    public LoggerVerbosity Verbosity { get; set; } = LoggerVerbosity.Diagnostic;

    public string? Parameters { get; set; }

    /// <summary>Whether the build that this recorder logged succeeded.</summary>
    public bool Succeeded { get; internal set; }

    public void Initialize(IEventSource eventSource) => eventSource.AnyEventRaised += (_, e) => _events.Enqueue(e);

    public void Shutdown()
    {
    }

    /// <summary>The targets that ran, in the order they started.</summary>
    public IReadOnlyList<string> TargetsStarted => [.. _events.OfType<TargetStartedEventArgs>().Select(e => e.TargetName)];

    public IReadOnlyList<TargetSkippedEventArgs> TargetsSkipped => [.. _events.OfType<TargetSkippedEventArgs>()];

    public IReadOnlyList<BuildErrorEventArgs> Errors => [.. _events.OfType<BuildErrorEventArgs>()];

    public IReadOnlyList<string> Messages => [.. _events.OfType<BuildMessageEventArgs>().Select(e => e.Message ?? "")];

    /// <summary>Errors and warnings as a console shows them, for a failed assertion's message.</summary>
    public string Problems() => string.Join('\n', _events.Select(e => e switch
    {
        BuildErrorEventArgs err => $"error {err.Code}: {err.Message} ({err.File}:{err.LineNumber})",
        BuildWarningEventArgs w => $"warning {w.Code}: {w.Message} ({w.File}:{w.LineNumber})",
        _ => null,
    }).OfType<string>());
}
