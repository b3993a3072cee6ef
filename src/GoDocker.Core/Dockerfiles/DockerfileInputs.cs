using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Dockerfiles;

/// <summary>A file from the host that the build COPYs from the staging folder (a CA certificate, known_hosts).</summary>
/// <param name="Source">The file on the host.</param>
/// <param name="StagedName">Its path under the staging folder, such as <c>ca/godocker-1-corp-root.crt</c>.</param>
public sealed record StagedFile(string Source, string StagedName);

/// <summary>
/// Everything the Dockerfile depends on, already checked and made relative to the Docker context, so that the
/// same inputs give the same bytes on any machine. <see cref="Hash"/> names them in the Dockerfile's header.
/// </summary>
public sealed record DockerfileInputs
{
    /// <summary>The module folder inside the image; the context is copied to this root.</summary>
    public const string SourceRoot = "/src";

    public required string GeneratorVersion { get; init; }
    public string DockerfileSyntax { get; init; } = "";
    public required string BaseImage { get; init; }
    public required string RuntimeImage { get; init; }

    /// <summary>The go.mod folder relative to the context ("." or "services/api").</summary>
    public string ModuleDirectory { get; init; } = ".";
    public bool HasGoSum { get; init; } = true;

    /// <summary>Go environment written as ENV, GOTOOLCHAIN included.</summary>
    public ImmutableSortedDictionary<string, string> GoEnvironment { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Local replace directories relative to the context, sorted.</summary>
    public ImmutableArray<string> ReplaceDirectories { get; init; } = [];

    /// <summary>Where modules are kept between builds: a cache mount, an image layer, or a cache mount filled through the build's gateway.</summary>
    public GoModCacheMode ModCacheMode { get; init; } = GoModCacheMode.Mount;

    /// <summary>Build from vendor/ with -mod=vendor, and skip the download.</summary>
    public bool VendorMode { get; init; }

    /// <summary>The staging folder relative to the context.</summary>
    public string StagingDirectory { get; init; } = "obj/godocker/context";
    public ImmutableArray<StagedFile> CaCertificates { get; init; } = [];

    /// <summary>The known_hosts lines for SSH secrets, staged as one file.</summary>
    public ImmutableArray<StagedFile> KnownHosts { get; init; } = [];
    public ImmutableArray<GoBuildSecret> Secrets { get; init; } = [];

    public string MainPackage { get; init; } = ".";
    public ImmutableArray<string> BuildFlags { get; init; } = [];
    public ImmutableArray<string> TestPackages { get; init; } = [Projects.GoTestArguments.DefaultPackages];
    public ImmutableArray<string> TestFlags { get; init; } = [];
    public string Ldflags { get; init; } = "";
    public bool CgoEnabled { get; init; }
    public ImmutableArray<string> Platforms { get; init; } = [];

    /// <summary>Run go vet over the main module after go build, in the same step (GoVet).</summary>
    public bool Vet { get; init; } = true;

    /// <summary>Compile on the build machine's platform for each target (cgo off), instead of under emulation.</summary>
    public bool CrossCompile => !Platforms.IsEmpty && !CgoEnabled;

    public bool HasCaCertificates => !CaCertificates.IsEmpty;

    /// <summary>SHA-256 of a canonical text of every input (host paths excluded), in hex.</summary>
    public string Hash
    {
        get
        {
            var sb = new StringBuilder();
            void Line(string name, string value) => sb.Append(name).Append('=').Append(value.Length).Append(':').Append(value).Append('\n');
            Line("syntax", DockerfileSyntax);
            Line("base", BaseImage);
            Line("runtime", RuntimeImage);
            Line("module", ModuleDirectory);
            Line("gosum", HasGoSum.ToString());
            foreach (var (k, v) in GoEnvironment)
            {
                Line("env." + k, v);
            }
            foreach (var d in ReplaceDirectories)
            {
                Line("replace", d);
            }
            Line("vendor", VendorMode.ToString());
            if (ModCacheMode != GoModCacheMode.Mount)
            {
                Line("modcache", ModCacheMode.ToString()); // absent for Mount, so existing hashes stay as they were
            }
            Line("staging", StagingDirectory);
            foreach (var f in CaCertificates.Concat(KnownHosts))
            {
                Line("staged", f.StagedName);
            }
            foreach (var s in Secrets)
            {
                Line("secret", $"{s.Id}|{s.Kind}|{s.Host}|{s.User}|{s.KnownHosts is not null}");
            }
            Line("main", MainPackage);
            foreach (var f in BuildFlags)
            {
                Line("flag", f);
            }
            Line("ldflags", Ldflags);
            foreach (var p in TestPackages)
            {
                Line("testpackage", p);
            }
            foreach (var f in TestFlags)
            {
                Line("testflag", f);
            }
            Line("cgo", CgoEnabled.ToString());
            Line("vet", Vet.ToString());
            foreach (var p in Platforms)
            {
                Line("platform", p);
            }
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()))).ToLowerInvariant();
        }
    }
}
