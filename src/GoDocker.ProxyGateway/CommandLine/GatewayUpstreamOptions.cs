using System.CommandLine;
using GoDocker.Core.Credentials;
using GoDocker.Core.Diagnostics;
using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Upstreams;

namespace GoDocker.ProxyGateway.CommandLine;

/// <summary>
/// Where a gateway fetches modules from: the upstream list, per-module rules and credentials. Shared by every
/// command that contacts upstreams, so each one sends a module to the same place the serving gateway would.
/// </summary>
public sealed class GatewayUpstreamOptions
{
    public Option<string?> Upstream { get; } =
        new("--upstream") { Description = "GOPROXY-style upstream list: URLs separated by ',' (fall through on 404/410) or '|' (on any error)." };

    public Option<double> Timeout { get; } =
        new("--timeout") { Description = "Seconds each upstream gets to answer a request.", DefaultValueFactory = _ => 60 };

    public Option<string?> PrivatePatterns { get; } =
        new("--private") { Description = "GOPRIVATE-style patterns of modules the --private-mode rule applies to." };

    public Option<ModuleRouteAction> PrivateMode { get; } =
        new("--private-mode") { Description = "For --private modules: Passthrough (fetch without caching) or Deny (403).", DefaultValueFactory = _ => ModuleRouteAction.Passthrough };

    public Option<string[]> Rule { get; } =
        new("--rule") { Description = "Modules matching GOPRIVATE-style patterns use their own upstream list: 'patterns=list' (repeatable, first match wins).", AllowMultipleArgumentsPerToken = false };

    public Option<string?> Netrc { get; } =
        new("--netrc") { Description = "netrc file with upstream credentials (default: $NETRC, then ~/.netrc)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Upstream, Timeout, PrivatePatterns, PrivateMode, Rule, Netrc })
        {
            command.Options.Add(option);
        }
    }

    /// <summary><paramref name="options"/> with the upstreams, rules and credentials the command line gives.</summary>
    public GatewayOptions ApplyTo(GatewayOptions options, ParseResult parse)
    {
        var timeout = parse.GetValue(Timeout);
        var rules = new List<ModuleRule>();
        if (parse.GetValue(PrivatePatterns) is { Length: > 0 } patterns)
        {
            rules.Add(ModuleRule.ForPatterns(patterns, parse.GetValue(PrivateMode)));
        }

        foreach (var value in parse.GetValue(Rule) ?? [])
        {
            var eq = value.IndexOf('=');
            if (eq <= 0)
            {
                throw new DiagnosticException(DiagnosticCatalog.InvalidCommandLineValue.Create("--rule", value, "use patterns=upstream-list, such as 'git.corp.example/*=https://goproxy.corp.example'"));
            }

            rules.Add(ModuleRule.ForPatterns(value[..eq], ParseUpstreams(value[(eq + 1)..], timeout)));
        }

        return options with
        {
            Upstreams = ParseUpstreams(parse.GetValue(Upstream), timeout),
            ModuleRules = rules,
            Credentials = parse.GetValue(Netrc) is { } file
                ? NetrcCredentials.FromEnvironment(n => n == "NETRC" ? file : null)
                : NetrcCredentials.FromEnvironment(),
        };
    }

    private static IReadOnlyList<UpstreamEndpoint> ParseUpstreams(string? list, double timeoutSeconds) =>
        string.IsNullOrWhiteSpace(list) ? [] : UpstreamList.Parse(list, TimeSpan.FromSeconds(timeoutSeconds));
}
