using System.CommandLine;
using GoDocker.ProxyGateway.CommandLine;
using GoDocker.ProxyGateway.Hosting;

namespace GoDocker.ProxyGateway.Tests.Infrastructure;

/// <summary>The serving options as `godocker proxy` and the gateway executable read them from a command line.</summary>
internal static class ServeCommandLine
{
    /// <summary>Parses <paramref name="args"/> after <c>--cache /tmp/cache</c>; fails the test on a parse error.</summary>
    public static GatewayOptions Parse(params string[] args)
    {
        var serve = new GatewayServeOptions();
        var root = new RootCommand();
        serve.AddTo(root);
        var parse = root.Parse(["--cache", "/tmp/cache", .. args]);
        Assert.Empty(parse.Errors);
        return serve.ToGatewayOptions(parse);
    }
}
