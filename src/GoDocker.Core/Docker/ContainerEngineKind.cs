namespace GoDocker.Core.Docker;

/// <summary>Which CLI runs a build: docker with BuildKit, or podman with Buildah. Their command lines differ in a few words.</summary>
public enum ContainerEngineKind
{
    Docker,
    Podman,
}
