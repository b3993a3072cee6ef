using System.Collections;
using Microsoft.Build.Framework;

namespace GoDocker.Tasks.Tests;

/// <summary>The part of MSBuild a task talks to: it records what the task logs and keeps the objects tasks register for the build.</summary>
internal sealed class RecordingBuildEngine : IBuildEngine4
{
    private readonly Dictionary<object, object> _taskObjects = [];

    public List<BuildErrorEventArgs> Errors { get; } = [];
    public List<BuildWarningEventArgs> Warnings { get; } = [];
    public List<BuildMessageEventArgs> Messages { get; } = [];

    public bool ContinueOnError => false;
    public int LineNumberOfTaskNode => 0;
    public int ColumnNumberOfTaskNode => 0;
    public string ProjectFileOfTaskNode => "app.goproj";

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);
    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);
    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);
    public void LogCustomEvent(CustomBuildEventArgs e) { }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException("GoDocker tasks do not build other projects");

    public bool IsRunningMultipleNodes => false;

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs, string toolsVersion) =>
        throw new NotSupportedException("GoDocker tasks do not build other projects");

    public bool BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IDictionary[] targetOutputsPerProject, string[] toolsVersion, bool useResultsCache, bool unloadProjectsOnCompletion) =>
        throw new NotSupportedException("GoDocker tasks do not build other projects");

    public BuildEngineResult BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IList<string>[] removeGlobalProperties, string[] toolsVersion, bool returnTargetOutputs) =>
        throw new NotSupportedException("GoDocker tasks do not build other projects");

    public void Yield() { }

    public void Reacquire() { }

    public void RegisterTaskObject(object key, object obj, RegisteredTaskObjectLifetime lifetime, bool allowEarlyCollection) => _taskObjects[key] = obj;

    public object? GetRegisteredTaskObject(object key, RegisteredTaskObjectLifetime lifetime) => _taskObjects.GetValueOrDefault(key);

    public object? UnregisterTaskObject(object key, RegisteredTaskObjectLifetime lifetime) =>
        _taskObjects.Remove(key, out var obj) ? obj : null;
}
