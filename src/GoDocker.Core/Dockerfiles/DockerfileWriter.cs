using System.Text;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Dockerfiles;

/// <summary>
/// Writes the multi-stage Dockerfile for a Go project:
/// <list type="bullet">
/// <item><c>deps</c> sees only go.mod, go.sum (and the go.mod of local replacements), so its layer and the module
/// cache survive source edits; <c>docker build --target deps</c> is the fail-fast download check.</item>
/// <item><c>build</c> compiles with cache mounts for the module and build caches.</item>
/// <item><c>final</c> holds only the binary, runs as a non-root user, with a JSON-form ENTRYPOINT.</item>
/// </list>
/// Every user value reaches the file quoted (ENV values) or shell-quoted (RUN words), and secrets only as BuildKit
/// mounts, so the output is deterministic, well-formed and carries no credential.
/// </summary>
public static class DockerfileWriter
{
    public const string PrepareStage = "prepare";
    public const string DepsStage = "deps";

    /// <summary>
    /// The deps stage's command. -json puts each failed module's Path and Version next to its Error, so the
    /// classifier knows the module whatever a Go release's wording; the JSON is printed only when the download fails,
    /// and the failure falls through (false, not exit) to the netrc report that follows it.
    /// </summary>
    public const string DownloadCommand = "out=\"$(go mod download -json)\" || { printf '%s\\n' \"$out\"; false; } && go mod verify";
    public const string BuildStage = "build";

    /// <summary>
    /// Printed between go build and go vet in the build step, so the output parser tells vet findings from compile
    /// errors (both print <c>file:line:col: message</c>).
    /// </summary>
    public const string VetMarker = "godocker-vet:";

    /// <summary>What go vet checks: every package of the main module, from its folder (the build stage's WORKDIR).</summary>
    public const string VetPackages = "./...";
    public const string FinalStage = "final";
    public const string TestStage = "test";
    public const string TestResultsStage = "test-results";

    /// <summary>Where the test stage writes go test's JSON, its stderr and its exit status.</summary>
    public const string TestOutputFolder = PreparedFolder + "/out/test";

    /// <summary>The folder of the test-results stage that <c>--output type=local</c> exports.</summary>
    public const string TestResultsFolder = "/out";
    public const string TestJsonFile = "test.json";
    public const string TestStderrFile = "test.stderr";
    public const string TestExitFile = "test.exit";

    /// <summary>
    /// Only the compiled binary, for <c>docker build --target binary --output type=local</c>: publish writes the image
    /// layer itself, so its digest depends on the binary's bytes alone, not on the engine's BuildKit.
    /// </summary>
    public const string BinaryStage = "binary";

    /// <summary>The binary's name in the binary stage's output folder.</summary>
    public const string BinaryFileName = "app";

    /// <summary>
    /// The module cache and build cache, set explicitly so the cache mounts match on any base image; outside /root,
    /// which a non-root build user cannot enter.
    /// </summary>
    public const string ModuleCache = "/go/pkg/mod";
    public const string BuildCache = "/var/cache/go-build";

    /// <summary>
    /// The module cache of the Layer mode: an image folder, not a mount, so the deps stage's layer holds the modules;
    /// under the prepared folder, which the prepare stage opens to the image's user.
    /// </summary>
    public const string LayerModuleCache = PreparedFolder + "/mod";

    /// <summary>The Gateway mode's secret: the URL of the gateway the build runs, a secret so its port stays out of the cache key.</summary>
    public const string GatewaySecretId = "godocker-goproxy";
    public const string GatewaySecretFile = "/run/secrets/" + GatewaySecretId;
    /// <summary>Where go build writes the binary: a folder the prepare stage opens to the image's user.</summary>
    public const string OutputBinary = PreparedFolder + "/out/app";
    public const string ImageBinary = "/app";

    /// <summary>The non-root user of the final stage (distroless "nonroot"); numeric so it works on any image.</summary>
    public const string RuntimeUser = "65532:65532";

    /// <summary>The image's own roots plus the GoCaCertificate items, which SSL_CERT_FILE and GIT_SSL_CAINFO name.</summary>
    public const string CaBundle = PreparedFolder + "/ca-certificates.crt";

    /// <summary>What the root-run prepare stage hands to the deps stage.</summary>
    public const string PreparedFolder = "/opt/godocker";
    public const string CaDirectory = "/usr/local/share/ca-certificates";

    public const string KnownHostsFile = "/etc/ssh/ssh_known_hosts";

    private const string Continue = " \\\n    ";

    /// <summary>The Dockerfile for planned inputs; <see cref="DockerfileGeneration.GenerateAsync"/> plans them from a project.</summary>
    public static string Write(DockerfileInputs inputs)
    {
        var sb = new StringBuilder();
        if (inputs.DockerfileSyntax.Length > 0)
        {
            // Must be the first line; BuildKit reads it before anything else.
            sb.Append("# syntax=").Append(inputs.DockerfileSyntax).Append('\n');
        }
        sb.Append("# Generated by GoDocker.Sdk ").Append(inputs.GeneratorVersion).Append(". Do not edit: change the .goproj instead.\n");
        sb.Append("# Inputs: sha256:").Append(inputs.Hash).Append('\n');
        sb.Append('\n');

        WriteDepsStage(sb, inputs);
        sb.Append('\n');
        WriteBuildStage(sb, inputs);
        sb.Append('\n');
        WriteTestStages(sb, inputs);
        sb.Append('\n');
        // Before final, which stays the last stage: a plain `docker build` still builds the runnable image.
        WriteBinaryStage(sb);
        sb.Append('\n');
        WriteFinalStage(sb, inputs);
        return sb.ToString();
    }

    private static string WorkDirectory(DockerfileInputs inputs) =>
        inputs.ModuleDirectory == "." ? DockerfileInputs.SourceRoot : DockerfileInputs.SourceRoot + "/" + inputs.ModuleDirectory;

    private static string InContext(DockerfileInputs inputs, string file) =>
        inputs.ModuleDirectory == "." ? file : inputs.ModuleDirectory + "/" + file;

    private static void AppendFrom(StringBuilder sb, DockerfileInputs inputs, string stage)
    {
        sb.Append("FROM ");
        if (inputs.CrossCompile)
        {
            // Compile on the build machine for every target platform instead of under emulation.
            sb.Append("--platform=$BUILDPLATFORM ");
        }
        sb.Append(inputs.BaseImage).Append(" AS ").Append(stage).Append('\n');
    }

    /// <summary>
    /// What needs root is done in a stage of its own that runs as uid 0 (which needs no passwd entry), so the deps and
    /// build stages keep the image's USER: the cache mounts and the output folder are opened to every user (BuildKit
    /// creates mounts root-owned 0755 whatever mode they ask for), and the CA bundle is the image's roots, from the first file where Go looks, plus the
    /// GoCaCertificate items. The deps stage COPYs the result, which also orders it after this stage.
    /// </summary>
    private static void WritePrepareStage(StringBuilder sb, DockerfileInputs inputs)
    {
        AppendFrom(sb, inputs, PrepareStage);
        sb.Append("USER 0:0\n");
        if (inputs.HasCaCertificates)
        {
            sb.Append("COPY ").Append(inputs.StagingDirectory).Append("/ca/ ").Append(CaDirectory).Append("/\n");
        }
        sb.Append("RUN ");
        if (MountsModuleCache(inputs))
        {
            AppendCacheMount(sb, inputs, ModuleCache);
            sb.Append(Continue);
            AppendCacheMount(sb, inputs, BuildCache);
            sb.Append(Continue).Append("chmod 0777 ").Append(ModuleCache).Append(' ').Append(BuildCache).Append(" && mkdir -p ").Append(PreparedFolder).Append("/out && chmod 0777 ").Append(PreparedFolder).Append("/out");
        }
        else
        {
            AppendCacheMount(sb, inputs, BuildCache);
            sb.Append(Continue).Append("chmod 0777 ").Append(BuildCache).Append(" && mkdir -p ").Append(PreparedFolder).Append("/out ").Append(LayerModuleCache)
              .Append(" && chmod 0777 ").Append(PreparedFolder).Append("/out ").Append(LayerModuleCache);
        }
        if (inputs.HasCaCertificates)
        {
            sb.Append(Continue).Append("&& for f in ").AppendJoin(' ', Verification.CertificateTrust.SystemBundlePaths)
              .Append("; do if [ -s \"$f\" ]; then cat \"$f\" > ").Append(CaBundle).Append(" && echo >> ").Append(CaBundle).Append(" && break; fi; done")
              .Append(Continue).Append("&& cat ").Append(CaDirectory).Append("/godocker-*.crt >> ").Append(CaBundle)
              .Append(" && chmod 0644 ").Append(CaBundle);
        }
        sb.Append("\n\n");
    }

    private static void WriteDepsStage(StringBuilder sb, DockerfileInputs inputs)
    {
        WritePrepareStage(sb, inputs);
        AppendFrom(sb, inputs, DepsStage);

        var workDirectory = WorkDirectory(inputs);
        sb.Append("WORKDIR ").Append(workDirectory).Append('\n');

        var env = new List<string>();
        foreach (var (name, value) in inputs.GoEnvironment)
        {
            env.Add(name + "=" + DockerfileValue.Quote(value));
        }
        env.Add("GOMODCACHE=" + DockerfileValue.Quote(MountsModuleCache(inputs) ? ModuleCache : LayerModuleCache));
        env.Add("GOCACHE=" + DockerfileValue.Quote(BuildCache));
        if (!inputs.Secrets.IsEmpty)
        {
            env.Add("GIT_TERMINAL_PROMPT=" + DockerfileValue.Quote("0")); // a missing credential fails instead of hanging
        }
        if (inputs.HasCaCertificates)
        {
            env.Add("SSL_CERT_FILE=" + DockerfileValue.Quote(CaBundle));
            env.Add("GIT_SSL_CAINFO=" + DockerfileValue.Quote(CaBundle));
        }
        sb.Append("ENV ").AppendJoin(Continue, env).Append('\n');

        // COPY writes as root whatever the image's USER; SSL_CERT_FILE (set above) points Go and git at the bundle.
        sb.Append("COPY --from=").Append(PrepareStage).Append(' ').Append(PreparedFolder).Append("/ ").Append(PreparedFolder).Append("/\n");
        if (!inputs.KnownHosts.IsEmpty)
        {
            sb.Append("COPY ").Append(inputs.StagingDirectory).Append("/ssh/known_hosts ").Append(KnownHostsFile).Append('\n');
        }

        var copied = new List<string> { InContext(inputs, "go.mod") };
        if (inputs.HasGoSum)
        {
            copied.Add(InContext(inputs, "go.sum"));
        }
        sb.Append("COPY ").AppendJoin(' ', copied).Append(' ').Append(workDirectory).Append("/\n");
        foreach (var directory in inputs.ReplaceDirectories)
        {
            // The go command reads a replacement's go.mod to load the module graph; its sources come in the build stage.
            sb.Append("COPY ").Append(directory).Append("/go.mod ").Append(DockerfileInputs.SourceRoot).Append('/').Append(directory).Append("/\n");
        }

        if (inputs.VendorMode)
        {
            sb.Append("COPY ").Append(InContext(inputs, "vendor")).Append("/ ").Append(workDirectory).Append("/vendor/\n");
            // No download: loading the main module checks that vendor/modules.txt matches go.mod, offline.
            sb.Append("RUN go list -mod=vendor -m\n");
            return;
        }

        sb.Append("RUN ");
        if (MountsModuleCache(inputs))
        {
            AppendCacheMount(sb, inputs, ModuleCache);
        }
        if (inputs.ModCacheMode == GoModCacheMode.Gateway)
        {
            sb.Append(MountsModuleCache(inputs) ? Continue : "").Append("--mount=type=secret,id=").Append(GatewaySecretId).Append(",mode=0444,required=true");
        }
        AppendSecretMounts(sb, inputs);
        if (!EndsWith(sb, "RUN "))
        {
            sb.Append(Continue);
        }
        if (inputs.ModCacheMode == GoModCacheMode.Gateway)
        {
            // Only the download goes through the gateway; later stages find every module in the cache mount.
            sb.Append("GOPROXY=\"$(cat ").Append(GatewaySecretFile).Append(")\" && export GOPROXY &&").Append(Continue);
        }
        AppendCredentialEnvironment(sb, inputs);
        sb.Append(DownloadCommand).Append(Continue).Append(NetrcReport).Append('\n');
    }

    /// <summary>
    /// On failure, one line saying which netrc the go command read and whether it could, with the image's Go, GOAUTH,
    /// HOME and uid: a 401 is then explained by what happened in the image, not by what the project meant to give.
    /// </summary>
    public const string NetrcReportPrefix = "godocker-netrc:";

    private const string NetrcReport =
        "|| { s=$?; n=${NETRC:-${HOME%/}/.netrc}; if [ -r \"$n\" ]; then r=readable; elif [ -e \"$n\" ]; then r=unreadable; else r=missing; fi; "
        + "echo \"" + NetrcReportPrefix + " file=$n state=$r go=$(go env GOVERSION) home=$HOME uid=$(id -u 2>/dev/null) goauth=$(go env GOAUTH)\"; exit $s; }";

    /// <summary>
    /// A cache mount of its own per base image: images differ in their build user, and what one user writes into the
    /// module cache is read-only to another. The prepare stage opens its root to the image's user.
    /// </summary>
    private static void AppendCacheMount(StringBuilder sb, DockerfileInputs inputs, string target)
    {
        var name = target == ModuleCache ? "go-mod" : "go-build";
        sb.Append("--mount=type=cache,id=godocker-").Append(name).Append('-').Append(CacheKey(inputs.BaseImage))
          .Append(",target=").Append(target);
    }

    private static bool EndsWith(StringBuilder sb, string text) =>
        sb.Length >= text.Length && sb.ToString(sb.Length - text.Length, text.Length) == text;

    /// <summary>Every mode but Layer keeps the module cache in a BuildKit cache mount.</summary>
    private static bool MountsModuleCache(DockerfileInputs inputs) => inputs.ModCacheMode != GoModCacheMode.Layer;

    private static string CacheKey(string image) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(image)))[..12].ToLowerInvariant();

    /// <summary>
    /// GOARM from the platform's variant (linux/arm/v7: 7), only for 32-bit arm: the go command refuses any other GOARM
    /// value whatever GOARCH is, and amd64's variants (v2, v3) are not GOARM's.
    /// </summary>
    private const string GoArmFromVariant = "GOARM=\"$([ \"$TARGETARCH\" != arm ] || echo \"${TARGETVARIANT#v}\")\" ";

    private static bool CrossCompilesArm(DockerfileInputs inputs) =>
        inputs.CrossCompile && inputs.Platforms.Any(p => p.Split('/') is [_, "arm", ..]);

    private static void WriteBuildStage(StringBuilder sb, DockerfileInputs inputs)
    {
        sb.Append("FROM ").Append(DepsStage).Append(" AS ").Append(BuildStage).Append('\n');
        if (inputs.CrossCompile)
        {
            sb.Append("ARG TARGETOS\n");
            sb.Append("ARG TARGETARCH\n");
            if (CrossCompilesArm(inputs))
            {
                sb.Append("ARG TARGETVARIANT\n");
            }
        }
        sb.Append("COPY . ").Append(DockerfileInputs.SourceRoot).Append("/\n");
        sb.Append("RUN ");
        if (MountsModuleCache(inputs))
        {
            AppendCacheMount(sb, inputs, ModuleCache);
            sb.Append(Continue);
        }
        AppendCacheMount(sb, inputs, BuildCache);
        if (!inputs.VendorMode)
        {
            AppendSecretMounts(sb, inputs);
        }
        sb.Append(Continue);
        if (!inputs.VendorMode)
        {
            AppendCredentialEnvironment(sb, inputs);
        }
        var goEnvironment = "CGO_ENABLED=" + (inputs.CgoEnabled ? '1' : '0') + ' ' + (inputs.CrossCompile ? "GOOS=$TARGETOS GOARCH=$TARGETARCH " : "")
            + (CrossCompilesArm(inputs) ? GoArmFromVariant : "");
        sb.Append(goEnvironment);

        var words = new List<string> { "go", "build" };
        if (!inputs.BuildFlags.Contains("-trimpath") && !inputs.BuildFlags.Contains("--trimpath"))
        {
            words.Add("-trimpath");
        }
        if (inputs.VendorMode && !inputs.BuildFlags.Any(f => f.TrimStart('-').StartsWith("mod", StringComparison.Ordinal)))
        {
            words.Add("-mod=vendor");
        }
        words.AddRange(inputs.BuildFlags);
        if (inputs.Ldflags.Length > 0)
        {
            words.Add("-ldflags=" + inputs.Ldflags);
        }
        words.Add("-o");
        words.Add(OutputBinary);
        words.Add(inputs.MainPackage);
        sb.Append(ShellWord.Join(words));
        if (inputs.Vet)
        {
            sb.Append(Continue).Append("&& echo ").Append(VetMarker).Append(" && ").Append(goEnvironment).Append(ShellWord.Join(VetWords(inputs)));
        }
        sb.Append('\n');
    }

    /// <summary>
    /// go vet takes only the build flags that choose packages and files (-tags, -mod); -o, -ldflags and the like
    /// are build-only and it refuses them.
    /// </summary>
    private static List<string> VetWords(DockerfileInputs inputs)
    {
        var words = new List<string> { "go", "vet" };
        if (inputs.VendorMode && !inputs.BuildFlags.Any(f => f.TrimStart('-').StartsWith("mod", StringComparison.Ordinal)))
        {
            words.Add("-mod=vendor");
        }
        var flags = inputs.BuildFlags;
        for (var i = 0; i < flags.Length; i++)
        {
            var name = flags[i].TrimStart('-');
            if (name.StartsWith("tags=", StringComparison.Ordinal) || name.StartsWith("mod=", StringComparison.Ordinal))
            {
                words.Add(flags[i]);
            }
            else if ((name == "tags" || name == "mod") && i + 1 < flags.Length)
            {
                words.Add(flags[i]);
                words.Add(flags[++i]);
            }
        }
        words.Add(VetPackages);
        return words;
    }

    /// <summary>
    /// <c>go test -json</c> on the build stage's sources and caches. The step never fails on a failing test (its status
    /// goes to a file), so the JSON always comes out through the <c>test-results</c> stage, which holds only the
    /// results for <c>docker build --target test-results --output type=local</c>.
    /// </summary>
    private static void WriteTestStages(StringBuilder sb, DockerfileInputs inputs)
    {
        sb.Append("FROM ").Append(BuildStage).Append(" AS ").Append(TestStage).Append('\n');
        sb.Append("RUN ");
        if (MountsModuleCache(inputs))
        {
            AppendCacheMount(sb, inputs, ModuleCache);
            sb.Append(Continue);
        }
        AppendCacheMount(sb, inputs, BuildCache);
        // No build secret: the deps stage has downloaded every module of the graph, and test code (which can print
        // anything into the exported JSON) never sees a credential.
        sb.Append(Continue);
        sb.Append("mkdir -p ").Append(TestOutputFolder).Append(" &&").Append(Continue);
        sb.Append("CGO_ENABLED=").Append(inputs.CgoEnabled ? '1' : '0').Append(' ');
        var words = new List<string> { "go", "test", "-json" };
        if (inputs.VendorMode && !inputs.TestFlags.Any(f => f.TrimStart('-').StartsWith("mod", StringComparison.Ordinal)))
        {
            words.Add("-mod=vendor");
        }
        words.AddRange(inputs.TestFlags);
        words.AddRange(inputs.TestPackages);
        sb.Append(ShellWord.Join(words))
          .Append(" > ").Append(TestOutputFolder).Append('/').Append(TestJsonFile)
          .Append(" 2> ").Append(TestOutputFolder).Append('/').Append(TestStderrFile)
          .Append("; echo $? > ").Append(TestOutputFolder).Append('/').Append(TestExitFile).Append('\n');
        sb.Append('\n');
        sb.Append("FROM scratch AS ").Append(TestResultsStage).Append('\n');
        sb.Append("COPY --from=").Append(TestStage).Append(' ').Append(TestOutputFolder).Append("/ ").Append(TestResultsFolder).Append("/\n");
    }

    private static void WriteFinalStage(StringBuilder sb, DockerfileInputs inputs)
    {
        sb.Append("FROM ").Append(inputs.RuntimeImage).Append(" AS ").Append(FinalStage).Append('\n');
        sb.Append("COPY --from=").Append(BuildStage).Append(' ').Append(OutputBinary).Append(' ').Append(ImageBinary).Append('\n');
        sb.Append("USER ").Append(RuntimeUser).Append('\n');
        sb.Append("ENTRYPOINT [\"").Append(ImageBinary).Append("\"]\n");
    }

    private static void WriteBinaryStage(StringBuilder sb)
    {
        sb.Append("FROM scratch AS ").Append(BinaryStage).Append('\n');
        sb.Append("COPY --from=").Append(BuildStage).Append(' ').Append(OutputBinary).Append(" /").Append(BinaryFileName).Append('\n');
    }

    private static void AppendSecretMounts(StringBuilder sb, DockerfileInputs inputs)
    {
        foreach (var secret in inputs.Secrets)
        {
            sb.Append(Continue);
            switch (secret.Kind)
            {
                case GoBuildSecretKind.Netrc:
                    // Readable by the image's build user whoever it is; the mount exists only while this RUN runs.
                    sb.Append("--mount=type=secret,id=").Append(secret.Id).Append(",target=").Append(secret.MountTarget).Append(",mode=0444,required=true");
                    break;
                case GoBuildSecretKind.Token:
                    sb.Append("--mount=type=secret,id=").Append(secret.Id).Append(",required=true");
                    break;
                case GoBuildSecretKind.Ssh:
                    break;
            }
        }
        if (inputs.Secrets.Any(s => s.Kind == GoBuildSecretKind.Ssh))
        {
            sb.Append("--mount=type=ssh,required=true");
        }
    }

    /// <summary>
    /// A netrc secret is named by NETRC, which the go command reads before $HOME/.netrc (HOME is / on an image without a
    /// passwd entry, and a non-root user's own folder elsewhere), and git gets it through a credential helper that
    /// reads the same file (git's libcurl would look only in $HOME). Token and SSH secrets become git url.insteadOf
    /// rewrites. All of it is GIT_CONFIG_* variables of this one command (git 2.31+): the token is read from the
    /// secret mount by the shell and never written to a file or a layer.
    /// </summary>
    private static void AppendCredentialEnvironment(StringBuilder sb, DockerfileInputs inputs)
    {
        var assignments = new List<string>();
        var entries = new List<(string Key, string Value)>();
        if (inputs.Secrets.FirstOrDefault(s => s.Kind == GoBuildSecretKind.Netrc) is { } netrc)
        {
            assignments.Add("NETRC=" + netrc.MountTarget);
            entries.Add(("credential.helper", "'" + GitNetrcHelper + "'"));
        }
        foreach (var secret in inputs.Secrets.Where(s => s.Kind is GoBuildSecretKind.Token or GoBuildSecretKind.Ssh))
        {
            var from = "https://" + secret.Host + "/";
            var to = secret.Kind == GoBuildSecretKind.Token
                ? $"https://{secret.GitUser}:$(cat {secret.MountTarget})@{secret.Host}/"
                : $"ssh://{secret.GitUser}@{secret.Host}/";
            // Host and user are checked against a strict alphabet, so only the $(cat ...) is expanded here.
            entries.Add(("\"url." + to + ".insteadOf\"", from));
        }
        if (entries.Count > 0)
        {
            assignments.Add("GIT_CONFIG_COUNT=" + entries.Count);
            for (var i = 0; i < entries.Count; i++)
            {
                assignments.Add($"GIT_CONFIG_KEY_{i}={entries[i].Key}");
                assignments.Add($"GIT_CONFIG_VALUE_{i}={entries[i].Value}");
            }
        }
        if (inputs.Secrets.Any(s => s.Kind == GoBuildSecretKind.Ssh))
        {
            assignments.Add("GIT_SSH_COMMAND=\"ssh -o StrictHostKeyChecking=yes -o UserKnownHostsFile=" + KnownHostsFile + "\"");
        }
        if (assignments.Count == 0)
        {
            return;
        }
        // Exported for the whole command, so every go command of the step and its failure report see them.
        sb.Append("export ").AppendJoin(Continue, assignments).Append(" &&").Append(Continue);
    }

    /// <summary>
    /// git's credential helper protocol over the netrc file in POSIX sh (no awk or perl in minimal images): for "get",
    /// the host git asks for without its port, as libcurl matches netrc machines, and the first machine entry with a
    /// login and a password, reading the file's tokens in pairs as the go command does.
    /// </summary>
    public const string GitNetrcHelper =
        "!f() { test \"$1\" = get || return 0; h=; while IFS== read -r k v; do test \"$k\" = host && h=${v%:*}; done; "
        + "set -f; set -- $(cat \"$NETRC\" 2>/dev/null); m=; l=; p=; "
        + "while [ $# -gt 1 ]; do case $1 in machine) m=$2; l=; p=;; login) l=$2;; password) p=$2;; esac; shift 2; "
        + "if [ -n \"$h\" ] && [ \"$m\" = \"$h\" ] && [ -n \"$l\" ] && [ -n \"$p\" ]; then echo \"username=$l\"; echo \"password=$p\"; return 0; fi; done; }; f";
}
