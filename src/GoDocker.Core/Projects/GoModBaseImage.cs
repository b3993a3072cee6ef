using System.Text.RegularExpressions;
using GoDocker.Core.Modules;

namespace GoDocker.Core.Projects;

/// <summary>
/// The base image of a project that names none (GoBaseImage empty): the official golang image of the Go that go.mod
/// asks for (the <c>toolchain</c> line when it names a newer Go than the <c>go</c> line, as the go command reads
/// them), in the GoBaseImageVariant, such as <c>golang:1.23.4-bookworm</c>. So the image's Go is never older than the
/// module needs, and moving go.mod to a new Go moves the build with it.
/// </summary>
public static partial class GoModBaseImage
{
    public const string Repository = "golang";
    public const string DefaultVariant = "bookworm";

    /// <summary>The Go of the image when go.mod names none (or cannot be read, which GD1006/GD2001 report).</summary>
    public const string FallbackGoVersion = "1.22";

    // More than any go.mod: a larger file is not read for the image (the generate step reports GD2009).
    private const int MaxGoModBytes = 16 << 20;

    /// <summary>The image for <paramref name="goModFile"/> in <paramref name="variant"/>.</summary>
    public static string For(string goModFile, string variant) =>
        $"{Repository}:{GoVersionOf(goModFile) ?? FallbackGoVersion}-{variant}";

    /// <summary>The Go version go.mod asks for, if it names one that is a golang image tag.</summary>
    public static string? GoVersionOf(string goModFile)
    {
        byte[] data;
        try
        {
            var info = new FileInfo(goModFile);
            if (!info.Exists || info.Length > MaxGoModBytes)
            {
                return null;
            }
            data = File.ReadAllBytes(goModFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var file = GoMod.GoModFile.TryParse(goModFile, data, out _, strict: true);
        if (file is null)
        {
            return null;
        }
        var go = file.Go is { Version.Length: > 0 } g ? g.Version : null;
        var toolchain = file.Toolchain is { } t ? GoVersion.FromToolchain(t.Name) : null;
        var version = (go, toolchain) switch
        {
            (null, null) => null,
            ({ } x, null) => x,
            (null, { } y) => y,
            ({ } x, { } y) => GoVersion.Max(x, y),
        };
        return version is not null && ImageTag().IsMatch(version) ? version : null;
    }

    /// <summary>Whether <paramref name="variant"/> can follow a version in an image tag (bookworm, alpine3.20, ...).</summary>
    public static bool IsValidVariant(string variant) => Variant().IsMatch(variant);

    // The golang image's tags: 1.22, 1.22.5, 1.23rc1, 1.23.0rc2 (no "go" prefix).
    [GeneratedRegex(@"^1\.\d{1,3}(?:\.\d{1,3})?(?:(?:rc|beta)\d{1,3})?$")]
    private static partial Regex ImageTag();

    [GeneratedRegex(@"^[a-z0-9]+(?:[._-][a-z0-9]+)*$")]
    private static partial Regex Variant();
}
