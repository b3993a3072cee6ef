using GoDocker.Core.Projects;

namespace GoDocker.Core.Tests.Projects;

public class ImageReferenceTests
{
    [Theory]
    [InlineData("golang:1.22-bookworm", null, "golang", "1.22-bookworm", null)]
    [InlineData("godocker-test/golang:1.19", null, "godocker-test/golang", "1.19", null)]
    [InlineData("localhost:5000/golang:1.22", "localhost:5000", "golang", "1.22", null)]
    [InlineData("registry.example.corp/library/golang", "registry.example.corp", "library/golang", null, null)]
    [InlineData("golang@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null, "golang", null, "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("[::1]:5000/app:v1", "[::1]:5000", "app", "v1", null)]
    public void Parses_docker_references(string text, string? domain, string path, string? tag, string? digest)
    {
        Assert.True(ImageReference.TryParse(text, out var image, out var error), error);
        Assert.Equal(new ImageReference(domain, path, tag, digest), image);
        Assert.Equal(text, image.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("golang:1.22 AS x", "whitespace")]
    [InlineData("Golang:1.22", "lowercase")]
    [InlineData("golang:-bad", "tag")]
    [InlineData("golang@sha256:abc", "digest")]
    [InlineData("golang@sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0", "64")]
    [InlineData("--platform=x", "repository")]
    [InlineData("${BASE}", "repository")]
    [InlineData("gоlang:1.22", "non-ASCII")]
    public void Rejects_what_docker_rejects_and_says_why(string text, string reasonFragment)
    {
        Assert.False(ImageReference.TryParse(text, out _, out var error));
        Assert.Contains(reasonFragment, error);
    }

    [Theory]
    [InlineData("golang", false)]
    [InlineData("golang:latest", false)]
    [InlineData("golang:1.22", true)]
    [InlineData("golang:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    public void Pinned_means_a_version_tag_or_a_digest(string text, bool pinned)
    {
        Assert.True(ImageReference.TryParse(text, out var image, out _));
        Assert.Equal(pinned, image.IsPinned);
    }

    [Theory]
    [InlineData("golang:1.22-bookworm", "1.22", false)]
    [InlineData("godocker-test/golang:1.19", "1.19", false)]
    [InlineData("mirror.corp/library/golang:1.22.3-alpine3.20", "1.22.3", true)]
    [InlineData("golang:1.23rc1", "1.23rc1", true)]
    public void Go_version_is_read_from_golang_tags(string text, string version, bool patchKnown)
    {
        Assert.True(ImageReference.TryParse(text, out var image, out _));
        Assert.Equal(new BaseImageGoVersion(version, patchKnown), BaseImageGoVersion.From(image));
    }

    [Theory]
    [InlineData("golang:bookworm")]
    [InlineData("golang@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("ubuntu:22.04")]
    public void Go_version_is_unknown_when_the_reference_does_not_say(string text)
    {
        Assert.True(ImageReference.TryParse(text, out var image, out _));
        Assert.Null(BaseImageGoVersion.From(image));
    }

    [Fact]
    public void A_minor_only_tag_is_too_old_only_for_a_newer_language_version()
    {
        var go122 = new BaseImageGoVersion("1.22", PatchKnown: false);
        Assert.False(go122.IsCertainlyOlderThan("1.22.7"));
        Assert.True(go122.IsCertainlyOlderThan("1.23"));
        var go1222 = new BaseImageGoVersion("1.22.2", PatchKnown: true);
        Assert.True(go1222.IsCertainlyOlderThan("1.22.7"));
    }
}
