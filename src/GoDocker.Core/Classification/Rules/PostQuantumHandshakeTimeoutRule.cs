using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD4021: <c>net/http: TLS handshake timeout</c> from a Go 1.23 or newer, whose ClientHello carries a post-quantum
/// key share that some middleboxes drop (golang/go#70047). The Go version comes from the project's base image (see
/// <see cref="Restate"/>) or from the log itself: the <c>FROM golang:1.N</c> step, a <c>go version go1.N</c> line, or a
/// toolchain switch (<c>go: downloading go1.N.P</c>). Without a known Go 1.23+ the timeout stays GD3009.
/// </summary>
public sealed partial class PostQuantumHandshakeTimeoutRule : EndpointFailureRule, IOutputRule
{
    private const string Evidence = "timed out (net/http: TLS handshake timeout)";

    protected override IReadOnlyList<string> Phrases { get; } = ["TLS handshake timeout"];

    protected override Regex Pattern => HandshakeTimeout();

    protected override DiagnosticDescriptor Descriptor => DiagnosticCatalog.PostQuantumHandshakeStalls;

    protected override object?[] Arguments(Match match, EndpointContext context) =>
        [context.Url?.Host ?? "the server", context.Subject, Evidence];

    // Re-implemented: the Go version is a fact of the whole output, not of the message.
    IEnumerable<OutputFinding> IOutputRule.Find(BuildOutput output)
    {
        var found = base.Find(output).ToList();
        // The whole log is read for the Go version only when there is a handshake timeout to explain.
        if (found.Count == 0 || GoVersionIn(output) is not { } go || PostQuantumKeyShare.For(go) is not { } share)
        {
            return [];
        }
        return found.Select(f => WithShare(f, share));
    }

    /// <summary>A GD3009 handshake timeout restated as GD4021 when the project's base image runs Go 1.23 or newer.</summary>
    public static OutputFinding Restate(OutputFinding finding, string? imageGo)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (finding.Descriptor != DiagnosticCatalog.TlsHandshakeTimeout || imageGo is null
            || PostQuantumKeyShare.For(imageGo) is not { } share || finding.Arguments is not [var host, var subject, ..])
        {
            return finding;
        }
        return WithShare(finding with { Descriptor = DiagnosticCatalog.PostQuantumHandshakeStalls, Arguments = [host, subject, Evidence],
            Key = $"{DiagnosticCatalog.PostQuantumHandshakeStalls.Code}|{host}" }, share);
    }

    private static OutputFinding WithShare(OutputFinding finding, PostQuantumKeyShare share) =>
        finding with { Arguments = [.. finding.Arguments.Take(3), share.GoRelease, share.GroupName, share.Fix, share.OtherFix] };

    /// <summary>The Go that ran, as the log shows it; the last mention wins (a toolchain switch follows FROM).</summary>
    public static string? GoVersionIn(BuildOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        string? found = null;
        foreach (var line in output.Lines)
        {
            if (!line.Contains("go", StringComparison.Ordinal))
            {
                continue;
            }
            if (GoRelease().Match(line) is { Success: true } release)
            {
                found = release.Groups["v"].Value;
            }
            else if (FromImage().Match(line) is { Success: true } from && ImageReference.TryParse(from.Groups["image"].Value, out var image, out _)
                && BaseImageGoVersion.From(image) is { } imageGo)
            {
                found = imageGo.Version;
            }
        }
        return found;
    }

    [GeneratedRegex(@"net/http: TLS handshake timeout")]
    private static partial Regex HandshakeTimeout();

    [GeneratedRegex(@"(?:go version|go: downloading) go(?<v>1\.\d+(?:\.\d+)?)\b")]
    private static partial Regex GoRelease();

    [GeneratedRegex(@"\bFROM (?:--platform=\S+ )?(?<image>\S*golang:[^\s@]+)")]
    private static partial Regex FromImage();
}
