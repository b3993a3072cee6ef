using GoDocker.Core.Docker;

namespace GoDocker.Core.Tests.Verification;

/// <summary>Skips a test when Docker or a test image is missing, but fails it when GODOCKER_REQUIRE_DOCKER=1.</summary>
internal static class DockerRequirement
{
    public static async Task RequireImageAsync(string image)
    {
        var required = Environment.GetEnvironmentVariable("GODOCKER_REQUIRE_DOCKER") == "1";
        var probe = new DockerEngineProbe(DockerEndpoint.FromEnvironment());
        string? missing = null;
        try
        {
            await probe.CheckAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
            if (!await probe.ImageExistsAsync(image, TestContext.Current.CancellationToken))
            {
                missing = $"the test image {image} is missing (run build/test-images.sh)";
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            missing = $"Docker is not available: {ex.Message}";
        }
        if (missing is null)
        {
            return;
        }
        if (required)
        {
            Assert.Fail($"GODOCKER_REQUIRE_DOCKER=1 but {missing}");
        }
        Assert.Skip(missing);
    }
}
