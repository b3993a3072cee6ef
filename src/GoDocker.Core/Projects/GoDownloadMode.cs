namespace GoDocker.Core.Projects;

/// <summary>Where the module download stage runs (the GoDownload property).</summary>
public enum GoDownloadMode
{
    /// <summary>Docker when an engine with BuildKit answers, else the host's go, else skip with a warning.</summary>
    Auto,
    Docker,
    Local,
    Off,
}
