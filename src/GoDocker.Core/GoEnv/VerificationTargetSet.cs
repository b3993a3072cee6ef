using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.GoEnv;

/// <summary>
/// Every distinct endpoint the go command would contact for a set of modules, in a stable order (proxies in GOPROXY
/// order, then origins, then the checksum database routes), plus the modules no endpoint can serve (GOPROXY=off)
/// and the settings errors that make the go command fail first.
/// </summary>
public sealed record VerificationTargetSet(
    IReadOnlyList<VerificationTarget> Targets,
    IReadOnlyList<ModuleFetchPlan> Plans,
    IReadOnlyList<string> BlockedModules,
    IReadOnlyList<Diagnostic> SettingsErrors);
