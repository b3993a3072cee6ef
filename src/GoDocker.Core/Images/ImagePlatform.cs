namespace GoDocker.Core.Images;

/// <summary>One entry of GoPlatforms (<c>os/arch[/variant]</c>), as an image index's platform object names it.</summary>
public sealed record ImagePlatform(string Os, string Architecture, string? Variant = null)
{
    public static ImagePlatform Parse(string platform)
    {
        var parts = platform.Split('/');
        return parts.Length switch
        {
            >= 3 => new ImagePlatform(parts[0], parts[1], parts[2]),
            2 => new ImagePlatform(parts[0], parts[1]),
            _ => new ImagePlatform("linux", "amd64"),
        };
    }

    /// <summary>A folder name for this platform's build output (<c>linux_arm_v7</c>), as BuildKit names them.</summary>
    public string FolderName => ToString().Replace('/', '_');

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
