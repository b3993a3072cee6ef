using GoDocker.Core.Classification.Rules;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification;

/// <summary>
/// Turns the output of a failed go or docker build run into diagnostics. Rules run in order of precedence; lines a
/// rule explained are not matched again by later rules (a proxy's 404 with an "unknown revision" server response is
/// one cause, a base image whose registry lookup failed is not also a DNS failure of the download). Findings are
/// deduplicated by cause (code plus module or host). When nothing is recognized the result is one GD5005 (docker
/// build) or GD6999 error carrying the last meaningful lines, never silence.
/// </summary>
public sealed class GoOutputClassifier
{
    public const int UnclassifiedContextLines = 10;

    private readonly IReadOnlyList<IOutputRule> _rules;
    private readonly IReadOnlyList<IOutputRule> _fallbackRules;

    public GoOutputClassifier(IEnumerable<IOutputRule> rules, IEnumerable<IOutputRule> fallbackRules)
    {
        _rules = rules.ToList();
        _fallbackRules = fallbackRules.ToList();
    }

    /// <summary>The product's rules in precedence order.</summary>
    public static GoOutputClassifier Default { get; } = new(
        [
            // Docker and BuildKit first: their steps wrap network errors that are about images, not modules.
            new ClassicBuilderRule(),
            new BuildahImagePullRule(),
            new ImageResolutionRule(),
            // A toolchain switch (Go 1.21+) fails before any module is fetched; its network error is part of it.
            new ToolchainDownloadRule(),
            // Answers with an HTTP status consume their server response (which may quote git or network errors).
            // Settings the go command rejects before it fetches anything.
            new GoProxyWithoutEntriesRule(),
            new GoEnvironmentConflictRule(),
            new ChecksumMismatchRule(),
            new ChecksumDatabaseNotFoundRule(),
            new ModuleNotFoundOnProxyRule(),
            new EndpointStatusRule(),
            // Network and TLS: the proxy tunnel before what happens inside it.
            new HttpProxyFailedRule(),
            new CertificateRule(),
            // Go 1.23+ (as the log shows) stalling in the handshake is its post-quantum ClientHello, before GD3009.
            new PostQuantumHandshakeTimeoutRule(),
            new TlsHandshakeTimeoutRule(),
            new DnsFailureRule(),
            new ConnectionRefusedRule(),
            new ConnectTimeoutRule(),
            new ConnectionResetRule(),
            new NetworkUnreachableRule(),
            // Module content and versions.
            // ssh refusing the host key ends like a credentials failure ("Could not read from remote repository").
            new SshHostKeyRule(),
            // A deleted or renamed repository also ends in "Could not read from remote repository".
            new RepositoryNotFoundRule(),
            new CredentialsRequiredRule(),
            new UnknownRevisionRule(),
            new InvalidModuleVersionRule(),
            new MissingGoSumEntryRule(),
            new ReplaceDirectoryNotInBuildRule(),
            new InconsistentVendoringRule(),
            new ModulePathMismatchRule(),
            new PackageNotInModuleRule(),
            new GoModNeedsUpdatesRule(),
            new GoProxyOffRule(),
            new GoTooOldRule(),
            new GoModReadByOlderGoRule(),
            new MalformedModulePathRule(),
            new NoMatchingVersionsRule(),
            new UnrecognizedImportPathRule(),
        ],
        [new DockerBuildFailedRule()]);

    public IReadOnlyList<Diagnostic> Classify(string text, IDiagnosticPositions? positions = null) =>
        Classify(BuildOutput.Parse(text), positions);

    /// <param name="refine">Lets a caller that knows the project restate a finding (see ProjectOutputClassifier).</param>
    public IReadOnlyList<Diagnostic> Classify(BuildOutput output, IDiagnosticPositions? positions = null, Func<OutputFinding, OutputFinding>? refine = null)
    {
        positions ??= NoDiagnosticPositions.Instance;
        var findings = refine is null ? Find(output) : Find(output).Select(refine).ToList();
        if (findings.Count == 0)
        {
            return [Unclassified(output)];
        }
        var diagnostics = new List<Diagnostic>();
        var merged = new HashSet<(string Code, SourceLocation Location)>();
        foreach (var finding in findings)
        {
            var diagnostic = finding.ToDiagnostic(positions);
            if (finding.MergeByPosition && diagnostic.Location is { } location && !merged.Add((finding.Code, location)))
            {
                continue;
            }
            diagnostics.Add(diagnostic);
        }
        return diagnostics;
    }

    /// <summary>The recognized causes, deduplicated, in the order they appear in the output.</summary>
    public IReadOnlyList<OutputFinding> Find(BuildOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var accepted = Run(_rules, output, stopAtFirst: false);
        accepted.AddRange(UnexplainedModuleErrors(output, accepted));
        if (accepted.Count == 0)
        {
            accepted = Run(_fallbackRules, output, stopAtFirst: true);
        }
        return accepted.OrderBy(f => f.FirstLine).Select(f => WithModule(WithPrintedLine(WithReplaceLine(f, output), output), output)).ToList();
    }

    // "M@V (replaced by X): ..." fetched M through its replace line, which is the line to change.
    // A setting the rule points at first (GoProxy for a proxy failure) stays first.
    private static OutputFinding WithReplaceLine(OutputFinding finding, BuildOutput output)
    {
        if (GoMessage.ReplacedModule(TextOf(finding, output)) is not { } module)
        {
            return finding;
        }
        var replace = new ReplacePosition(module);
        return finding with
        {
            Position = finding.Position is FirstOfPosition { First: PropertyPosition setting } first
                ? setting.OrElse(replace.OrElse(first.Second))
                : replace.OrElse(finding.Position),
        };
    }

    private static string TextOf(OutputFinding finding, BuildOutput output) =>
        string.Join('\n', output.Lines.Skip(finding.FirstLine).Take(finding.LastLine - finding.FirstLine + 1));

    // go mod download -json names the failed module in its Path field: a finding inside that module's Error points at
    // its require (or replace) line even when the words give no module@version the rules can read.
    private static OutputFinding WithModule(OutputFinding finding, BuildOutput output) =>
        output.ModuleErrors.FirstOrDefault(e => e.Covers(finding)) is { } error
            ? finding with { Position = finding.Position.OrElse(new RequirePosition(error.Path)) }
            : finding;

    // A module whose Error no rule explains is still that module's failure, at its line (not GD6999 at no line).
    private static IEnumerable<OutputFinding> UnexplainedModuleErrors(BuildOutput output, List<OutputFinding> accepted)
    {
        // buildx's error summary repeats the failed step's last lines, so one module's object can appear twice:
        // a module whose error a rule explained once is explained.
        var seen = new HashSet<string>(output.ModuleErrors.Where(e => accepted.Any(e.Covers)).Select(e => e.ToString()), StringComparer.Ordinal);
        foreach (var error in output.ModuleErrors)
        {
            if (accepted.Any(error.Covers) || !seen.Add(error.ToString()))
            {
                continue;
            }
            var text = string.Join(' ', output.Lines.Skip(error.FirstLine).Take(error.LastLine - error.FirstLine + 1).Select(l => l.Trim()));
            var descriptor = DiagnosticCatalog.ModuleDownloadFailed;
            yield return new OutputFinding(descriptor, [error.ToString(), text], new RequirePosition(error.Path),
                error.FirstLine, error.LastLine, $"{descriptor.Code}|{error}");
        }
    }

    // Where go printed "go.mod:LINE:" for the message, that line is the answer when the rule's own position finds
    // nothing (a go.mod only the syntax-only parse reads, a rule that knows no module).
    private static OutputFinding WithPrintedLine(OutputFinding finding, BuildOutput output)
    {
        return GoMessage.GoModLine(TextOf(finding, output)) is { } line ? finding with { Position = finding.Position.OrElse(new GoModLinePosition(line)) } : finding;
    }

    private static List<OutputFinding> Run(IEnumerable<IOutputRule> rules, BuildOutput output, bool stopAtFirst)
    {
        var accepted = new List<OutputFinding>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        // Lines explained by an earlier rule, repeats included, so a later rule cannot report them again;
        // an array keeps a log with thousands of identical failures linear.
        var claimed = new bool[output.Lines.Count + 1];
        foreach (var rule in rules)
        {
            var fresh = rule.Find(output).Where(f => !Claimed(claimed, f)).ToList();
            foreach (var finding in fresh)
            {
                for (var line = Math.Max(0, finding.FirstLine); line <= finding.LastLine && line < claimed.Length; line++)
                {
                    claimed[line] = true;
                }
                if (keys.Add(finding.Key))
                {
                    accepted.Add(finding);
                }
            }
            if (stopAtFirst && accepted.Count > 0)
            {
                break;
            }
        }
        return accepted;
    }

    private static bool Claimed(bool[] claimed, OutputFinding finding)
    {
        for (var line = Math.Max(0, finding.FirstLine); line <= finding.LastLine && line < claimed.Length; line++)
        {
            if (claimed[line])
            {
                return true;
            }
        }
        return false;
    }


    private static Diagnostic Unclassified(BuildOutput output)
    {
        var lines = output.MeaningfulLines(UnclassifiedContextLines);
        var text = lines.Count == 0 ? "  (the output was empty)" : string.Join('\n', lines.Select(l => "  " + l.Trim()));
        return DiagnosticCatalog.UnclassifiedDownloadFailure.Create(text);
    }
}
