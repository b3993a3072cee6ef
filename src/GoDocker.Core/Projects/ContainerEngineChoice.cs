namespace GoDocker.Core.Projects;

/// <summary>Which container engine runs the build stages (the GoContainerEngine property).</summary>
public enum ContainerEngineChoice
{
    /// <summary>The docker CLI when one is found (and, where podman is installed too, its engine answers), else podman.</summary>
    Auto,
    Docker,
    Podman,
}
