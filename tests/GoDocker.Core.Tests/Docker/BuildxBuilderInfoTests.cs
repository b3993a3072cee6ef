using GoDocker.Core.Docker;

namespace GoDocker.Core.Tests.Docker;

/// <summary>
/// `docker buildx inspect` text, one sample per driver. There is no buildx here: the samples are written from the
/// buildx sources (TestData/buildx/SOURCES.md), hence the test names.
/// </summary>
public sealed class BuildxBuilderInfoTests
{
    internal static string Sample(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "buildx", file));

    [Fact]
    public void Docker_driver_recorded_from_buildx_sources_shares_the_host_loopback()
    {
        var info = BuildxBuilderInfo.Parse(Sample("inspect-docker.txt"))!;

        Assert.Equal("default", info.Name);
        Assert.Equal("docker", info.Driver);
        Assert.Equal("default", info.Endpoint);
        Assert.Equal("running", info.Nodes[0].Status);
        Assert.Equal(["linux/amd64", "linux/amd64/v2", "linux/amd64/v3", "linux/386"], info.Nodes[0].Platforms);
        Assert.True(info.SharesHostLoopback);
    }

    [Fact]
    public void Docker_container_driver_recorded_from_buildx_sources_has_its_own_network()
    {
        var info = BuildxBuilderInfo.Parse(Sample("inspect-docker-container.txt"))!;

        Assert.Equal("builder-1c9a2e3f", info.Name);
        Assert.Equal("docker-container", info.Driver);
        var node = Assert.Single(info.Nodes);
        Assert.Equal("builder-1c9a2e3f0", node.Name);
        Assert.Equal("unix:///var/run/docker.sock", node.Endpoint);
        Assert.Equal("running", node.Status);
        Assert.Equal("moby/buildkit:buildx-stable-1", node.DriverOptions["image"]);
        Assert.Equal(4, node.Platforms.Length);
        Assert.False(info.SharesHostLoopback);
    }

    [Fact]
    public void Docker_container_driver_on_the_host_network_recorded_from_buildx_sources_shares_the_host_loopback()
    {
        var info = BuildxBuilderInfo.Parse(Sample("inspect-docker-container-host-network.txt"))!;

        Assert.Equal("host", info.Nodes[0].DriverOptions["network"]);
        Assert.Equal("moby/buildkit:v0.13.2", info.Nodes[0].DriverOptions["image"]);
        Assert.True(info.SharesHostLoopback);
    }

    [Fact]
    public void Kubernetes_driver_recorded_from_buildx_sources_has_its_own_network()
    {
        var info = BuildxBuilderInfo.Parse(Sample("inspect-kubernetes.txt"))!;

        Assert.Equal("kubernetes", info.Driver);
        Assert.StartsWith("kubernetes:///kube?deployment=", info.Endpoint);
        Assert.Equal("buildkit", info.Nodes[0].DriverOptions["namespace"]);
        Assert.Equal(["linux/amd64", "linux/arm64"], info.Nodes[0].Platforms);
        Assert.False(info.SharesHostLoopback);
    }

    [Fact]
    public void Remote_driver_recorded_from_buildx_sources_has_its_own_network()
    {
        var info = BuildxBuilderInfo.Parse(Sample("inspect-remote.txt"))!;

        Assert.Equal("remote-builder", info.Name);
        Assert.Equal("remote", info.Driver);
        Assert.Equal("tcp://buildkitd.ci.example:1234", info.Endpoint);
        Assert.False(info.SharesHostLoopback);
        Assert.Contains("driver remote, tcp://buildkitd.ci.example:1234", info.ToString());
    }

    [Fact]
    public void Every_node_of_a_multi_node_builder_from_the_buildx_docs_is_read()
    {
        var info = BuildxBuilderInfo.Parse(Sample("inspect-multinode.txt"))!;

        Assert.Equal(["elated_tesla0", "elated_tesla1"], info.Nodes.Select(n => n.Name));
        Assert.Equal("ssh://ubuntu@1.2.3.4", info.Nodes[1].Endpoint);
        Assert.Equal(["linux/arm64", "linux/arm/v7", "linux/arm/v6"], info.Nodes[1].Platforms);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ERROR: no builder \"ci\" found\n")]
    public void Output_that_names_no_builder_is_not_a_builder(string text) => Assert.Null(BuildxBuilderInfo.Parse(text));
}
