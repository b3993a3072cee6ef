using System.Collections.Immutable;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Operations;

/// <summary>What a verify found: every endpoint's report, the in-container check when asked, and all diagnostics.</summary>
public sealed record VerifyResult(VerificationReport? Report, ContainerPreflightResult? Container, ImmutableArray<Diagnostic> Diagnostics);
