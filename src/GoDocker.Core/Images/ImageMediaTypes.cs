namespace GoDocker.Core.Images;

/// <summary>Docker's schema 2 media types: what every engine, Docker 20.10 included, pulls and loads.</summary>
public static class ImageMediaTypes
{
    public const string Manifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string Config = "application/vnd.docker.container.image.v1+json";
    public const string Layer = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string ManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
}
