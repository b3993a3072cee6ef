namespace GoDocker.Core.GoEnv;

/// <summary>
/// Flag names (without dashes) that some go command defines. cmd/go rejects a GOFLAGS word whose name no go
/// command knows ("unknown flag"). The list covers Go 1.19 (read from its help) plus flags added since.
/// </summary>
public static class GoCommandFlags
{
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        // Build flags shared by build, run, test, install, list, get, vet, …
        "C", "a", "asan", "asmflags", "buildmode", "buildvcs", "compiler", "cover", "covermode", "coverpkg", "gccgoflags",
        "gcflags", "installsuffix", "ldflags", "linkshared", "mod", "modcacherw", "modfile", "msan", "n", "o", "overlay",
        "p", "pgo", "pkgdir", "race", "tags", "toolexec", "trimpath", "v", "work", "x",
        // Other command flags.
        "all", "args", "c", "cmd", "compiled", "deps", "e", "exec", "export", "f", "find", "fix", "fixed", "i", "json",
        "m", "r", "reuse", "retracted", "short", "src", "t", "test", "u", "versions", "w", "d", "l", "go", "module",
        "print", "replace", "dropreplace", "require", "droprequire", "exclude", "dropexclude", "retract", "dropretract",
        "fmt", "graph", "compat", "e", "use", "dropuse", "toolchain", "godebug", "dropgodebug", "tool", "droptool",
        "ignore", "dropignore", "unset", "changed", "fuzz", "vettool", "run", "skip", "list", "bench", "benchmem",
        "benchtime", "blockprofile", "blockprofilerate", "count", "coverprofile", "cpu", "cpuprofile", "failfast",
        "fullpath", "fuzzcachedir", "fuzzminimizetime", "fuzztime", "fuzzworker", "memprofile", "memprofilerate",
        "mutexprofile", "mutexprofilefraction", "outputdir", "parallel", "paniconexit0", "shuffle", "testlogfile",
        "timeout", "trace", "vet", "artifacts", "debug-actiongraph", "debug-deprecated-importcfg", "debug-runtime-trace",
        "debug-trace", "buildid", "modcache", "cache", "testcache", "fuzzcache", "file", "h", "help", "vendor", "diff", "http",
        "gocoverdir", "telemetry",
        // go vet passes analyzer flags through GOFLAGS too.
        "appends", "asmdecl", "assign", "atomic", "bools", "buildtag", "cgocall", "composites", "copylocks", "defers",
        "directive", "errorsas", "framepointer", "hostport", "httpresponse", "ifaceassert", "loopclosure", "lostcancel",
        "nilfunc", "printf", "printf.funcs", "shift", "sigchanyzer", "slog", "stdmethods", "stdversion", "stringintconv",
        "structtag", "testinggoroutine", "tests", "timeformat", "unmarshal", "unreachable", "unsafeptr", "unusedresult",
        "unusedresult.funcs", "unusedresult.stringmethods", "waitgroup",
    };
}
