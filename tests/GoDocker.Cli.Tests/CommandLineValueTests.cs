using System.CommandLine;
using GoDocker.Cli.Commands;
using GoDocker.Core.Diagnostics;
using GoDocker.ProxyGateway.CommandLine;
using GoDocker.ProxyGateway.Hosting;

namespace GoDocker.Cli.Tests;

/// <summary>A value given on the command line that cannot be used is GD1014, not the project-property code GD1007.</summary>
public class CommandLineValueTests
{
    [Fact]
    public void A_rule_without_an_equals_sign_is_GD1014_naming_the_option_and_the_form_to_use()
    {
        var upstreams = new GatewayUpstreamOptions();
        var command = new Command("warm");
        upstreams.AddTo(command);
        var parse = command.Parse(["--upstream", "http://127.0.0.1:1", "--rule", "git.corp.example/*"]);
        Assert.Empty(parse.Errors);

        var e = Assert.Throws<DiagnosticException>(() => upstreams.ApplyTo(new GatewayOptions { CacheDirectory = Path.GetTempPath() }, parse));

        Assert.Equal("GD1014", e.Diagnostic.Code);
        Assert.StartsWith("--rule 'git.corp.example/*' is invalid: use patterns=upstream-list", e.Diagnostic.Message);
    }
}
