using System.Reflection;

namespace GoDocker.Core.Diagnostics;

/// <summary>
/// Every diagnostic the product reports, in one place: code, severity and message template.
/// Codes are stable; add new ones at the end of their range and give each a docs/diagnostics/GDnnnn.md page.
/// </summary>
public static class DiagnosticCatalog
{
    public const string HelpLinkBase = "https://github.com/godocker-sdk/godocker-sdk/blob/main/docs/diagnostics/";

    private static DiagnosticDescriptor Error(string code, string title, string message) => new(code, DiagnosticSeverity.Error, title, message);
    private static DiagnosticDescriptor Warning(string code, string title, string message) => new(code, DiagnosticSeverity.Warning, title, message);
    private static DiagnosticDescriptor Info(string code, string title, string message) => new(code, DiagnosticSeverity.Message, title, message);

    // GD1xxx: project settings and Go environment values.
    public static readonly DiagnosticDescriptor InvalidGoProxy = Error("GD1001", "Invalid GOPROXY",
        "{0} '{1}' is invalid: {2}. Set it to a list of proxy URLs separated by ',' or '|', or 'direct' or 'off'.");
    public static readonly DiagnosticDescriptor InvalidGoSumDb = Error("GD1002", "Invalid GOSUMDB",
        "{0} '{1}' is invalid: {2}. Use 'off', a database name such as 'sum.golang.org', 'name+key' or 'name+key url'.");
    public static readonly DiagnosticDescriptor InvalidModulePattern = Error("GD1003", "Invalid module path pattern",
        "{0} '{1}' is invalid: {2}. Use comma-separated glob patterns of module path prefixes, such as 'git.example.com/*'.");
    public static readonly DiagnosticDescriptor InvalidGoFlags = Error("GD1004", "Invalid GOFLAGS",
        "{0} '{1}' is invalid: {2}. Each word must be '-flag' or '-flag=value'.");
    public static readonly DiagnosticDescriptor InvalidGoToolchain = Error("GD1005", "Invalid GOTOOLCHAIN",
        "{0} '{1}' is invalid: {2}. Use 'local', 'auto', 'path', 'go1.N.P', or a version followed by '+auto' or '+path'.");
    public static readonly DiagnosticDescriptor GoModNotFound = Error("GD1006", "go.mod not found",
        "The go.mod file '{0}' does not exist. Set GoModFile to the module's go.mod, or create one with 'go mod init'.");
    public static readonly DiagnosticDescriptor InvalidPropertyValue = Error("GD1007", "Invalid property value",
        "{0} '{1}' is invalid: {2}.");
    public static readonly DiagnosticDescriptor InvalidGoDownloadMode = Error("GD1008", "Invalid GoDownload",
        "GoDownload '{0}' is invalid. Use Auto, Docker, Local or Off.");
    public static readonly DiagnosticDescriptor InvalidTimeout = Error("GD1009", "Invalid timeout",
        "{0} '{1}' is invalid. Use a number of seconds greater than zero, such as 5.");
    public static readonly DiagnosticDescriptor InvalidImageReference = Error("GD1010", "Invalid image reference",
        "{0} '{1}' is not a valid image reference: {2}. Use 'name[:tag][@sha256:digest]', such as 'golang:1.22-bookworm'.");
    public static readonly DiagnosticDescriptor GoProxyOff = Error("GD1011", "GOPROXY is off",
        "GOPROXY is 'off' for module {0}, so the go command may not download it. Add a proxy or 'direct' to GoProxy, or vendor the module.");
    public static readonly DiagnosticDescriptor PrivateModuleNotPrivate = Warning("GD1012", "Private module not covered by GOPRIVATE",
        "Module {0} looks private ({1}) but GoPrivate/GoNoSumDb do not cover it, so the go command asks the public checksum database. Add '{2}' to GoPrivate.");
    public static readonly DiagnosticDescriptor StartProxyNeedsLoopbackGoProxy = Error("GD1013", "GoDockerStartProxy needs a loopback GoProxy",
        "GoDockerStartProxy starts a gateway where the first GoProxy entry points, so that entry must be http://127.0.0.1:PORT (or localhost), not '{0}'. Set GoProxy to such a URL.");
    public static readonly DiagnosticDescriptor InvalidCommandLineValue = Error("GD1014", "Invalid command-line value",
        "{0} '{1}' is invalid: {2}.");
    public static readonly DiagnosticDescriptor ProjectEvaluationFailed = Error("GD1015", "Project cannot be evaluated",
        "MSBuild could not evaluate the project '{0}': {1}. Fix the project file (run 'dotnet msbuild' on it to see MSBuild's own errors), or point --project at another one.");
    public static readonly DiagnosticDescriptor GoProxyWithoutEntries = Error("GD1016", "GOPROXY lists no proxy",
        "The go command read a GOPROXY that is not empty but lists no proxy ({0}). Set GoProxy to a list such as 'https://proxy.golang.org,direct'; a value of only separators or quotes, or an empty GOPROXY in GOENV or the base image, gives this.");
    public static readonly DiagnosticDescriptor GoEnvironmentConflict = Error("GD1017", "Go environment contradicts the download",
        "The go command refused its environment: {0}. {1}");
    public static readonly DiagnosticDescriptor ImageNotPinned = Warning("GD1040", "Image not pinned",
        "{0} '{1}' has no tag or uses 'latest', so the same project can build with a different image tomorrow. Pin a version tag or a digest, such as 'golang:1.22-bookworm' or 'golang:1.22-bookworm@sha256:<digest>'.");
    public static readonly DiagnosticDescriptor InvalidPlatforms = Error("GD1041", "Invalid GoPlatforms",
        "GoPlatforms '{0}' is invalid: {1}. Use os/arch pairs separated by commas, such as 'linux/amd64,linux/arm64'.");
    public static readonly DiagnosticDescriptor InvalidBuildFlags = Error("GD1042", "Invalid GoBuildFlags",
        "GoBuildFlags '{0}' is invalid: {1}. Use go build flags such as '-tags=netgo -buildvcs=false'.");
    public static readonly DiagnosticDescriptor InvalidMainPackage = Error("GD1043", "Invalid GoMainPackage",
        "GoMainPackage '{0}' is invalid: {1}.");
    public static readonly DiagnosticDescriptor DockerContextNotFound = Error("GD1044", "Docker context folder not found",
        "The Docker build context '{0}' does not exist. Set GoDockerContext to an existing folder that holds go.mod, or remove it to use the project folder.");
    public static readonly DiagnosticDescriptor GoModOutsideContext = Error("GD1045", "go.mod outside the Docker context",
        "The go.mod file '{0}' is outside the Docker build context '{1}', so the build cannot copy it. Set GoDockerContext to a folder that holds go.mod.");
    public static readonly DiagnosticDescriptor StagingOutsideContext = Error("GD1046", "Staging folder outside the Docker context",
        "The folder '{0}' where GoCaCertificate and known_hosts files are copied for the build is outside the Docker build context '{1}'. Set GoDockerContext to a folder that holds the project folder.");
    public static readonly DiagnosticDescriptor UnsafeContextPath = Error("GD1047", "Path cannot be written into a Dockerfile",
        "The path '{0}' inside the Docker context holds characters that COPY and WORKDIR would expand or split ({1}). Rename the folder to letters, digits and '.', '_', '-', '+', '@', or set GoDockerContext so the path is shorter.");
    public static readonly DiagnosticDescriptor InvalidGoAuth = Error("GD1048", "Invalid GOAUTH",
        "{0} '{1}' is invalid: {2}. Use 'off', 'netrc', 'git /absolute/dir' or a command, or several separated by ';' ('off' only alone).");
    public static readonly DiagnosticDescriptor InvalidGoEnvironmentVariable = Error("GD1049", "Invalid GoEnvironmentVariable",
        "GoEnvironmentVariable '{0}' is invalid: {1}.");
    public static readonly DiagnosticDescriptor GoVariableHasProperty = Error("GD1050", "Go variable set by a property",
        "GoEnvironmentVariable '{0}' sets a variable the SDK writes itself: {1}.");
    public static readonly DiagnosticDescriptor GoVariableMistake = Warning("GD1051", "Go variable that does not do what it says",
        "GoEnvironmentVariable '{0}': {1}.");
    public static readonly DiagnosticDescriptor InvalidTestPackages = Error("GD1075", "Invalid GoTestPackages",
        "GoTestPackages '{0}' is invalid: {1}. List package patterns separated by spaces, such as './...' or './cmd/... ./internal/...'.");
    public static readonly DiagnosticDescriptor InvalidTestFlags = Error("GD1076", "Invalid GoTestFlags",
        "GoTestFlags '{0}' is invalid: {1}. Use go test flags such as '-race -count=1 -timeout=2m'.");
    // GD1080-GD1089: image publish settings.
    public static readonly DiagnosticDescriptor InvalidImageRepository = Error("GD1080", "Invalid GoImageRepository",
        "GoImageRepository '{0}' is not a valid repository name: {1}. Use lowercase letters and digits separated by '.', '_', '-' or '/', such as 'team/hello', without a tag or registry (set those with GoImageTags and GoImageRegistry).");
    public static readonly DiagnosticDescriptor InvalidImageTag = Error("GD1081", "Invalid GoImageTags",
        "GoImageTags has '{0}', which is not a valid tag: {1}. Use tags of letters, digits, '_', '.' and '-' (at most 128, not starting with '.' or '-'), separated by ';', such as '1.2.0;latest'.");
    public static readonly DiagnosticDescriptor InvalidImageLabel = Error("GD1082", "Invalid GoImageLabel",
        "GoImageLabel '{0}' is invalid: {1}. Give the label's name as Include (letters, digits, '.', '-', '_', '/') and a one-line Value, such as <GoImageLabel Include=\"org.example.team\" Value=\"payments\" />.");
    public static readonly DiagnosticDescriptor ArchiveFolderMissing = Error("GD1083", "GoImageArchiveOutputPath folder missing",
        "GoImageArchiveOutputPath '{0}' is in the folder '{1}', which does not exist. Create the folder first, or point GoImageArchiveOutputPath into one that exists.");
    public static readonly DiagnosticDescriptor InvalidImageRegistry = Error("GD1084", "Invalid GoImageRegistry",
        "GoImageRegistry '{0}' is not a registry host: {1}. Use a host name or IP address with an optional port and no scheme or path, such as 'registry.example.com' or '127.0.0.1:5000'.");
    public static readonly DiagnosticDescriptor InvalidSourceDateEpoch = Error("GD1085", "Invalid SOURCE_DATE_EPOCH",
        "SOURCE_DATE_EPOCH '{0}' is not a number of seconds since 1970-01-01. Set it to an integer such as the last commit's time ('git log -1 --format=%ct'), or unset it.");
    // GD1090-GD1099: module cache modes and layer caches (docs/ci.md).
    public static readonly DiagnosticDescriptor InvalidModCacheMode = Error("GD1090", "Invalid GoModCacheMode",
        "GoModCacheMode '{0}' is invalid. Use Mount (BuildKit cache mounts, persistent builders), Gateway (a host folder a CI job caches, GoModCacheDir) or Layer (an image layer, with GoDockerCacheFrom/GoDockerCacheTo).");
    public static readonly DiagnosticDescriptor InvalidDockerCacheSpec = Error("GD1091", "Invalid docker layer cache",
        "{0} '{1}' is not a docker build cache: {2}. Write it as buildx does, such as 'type=registry,ref=registry.example.com/team/app:cache', 'type=local,src=/tmp/cache' or 'type=inline'.");
    public static readonly DiagnosticDescriptor LayerCacheWithoutLayerMode = Warning("GD1092", "Layer cache does not carry the module cache",
        "{0} is set but GoModCacheMode is {1}: a layer cache does not carry {2}, so a fresh runner downloads every module again. Set GoModCacheMode to Layer to keep modules in an image layer, or remove {0}.");
    public static readonly DiagnosticDescriptor GatewayModeNeedsProxy = Error("GD1093", "GoModCacheMode=Gateway needs a module proxy",
        "GoModCacheMode is Gateway but GOPROXY '{0}' names no module proxy URL for the gateway to fetch from (only direct or off). Set GoProxy to a proxy list such as 'https://proxy.golang.org', or use GoModCacheMode Mount or Layer.");
    public static readonly DiagnosticDescriptor GatewayModeWithStartProxy = Error("GD1094", "GoModCacheMode=Gateway with GoDockerStartProxy",
        "GoModCacheMode is Gateway and GoDockerStartProxy is true: both start a module proxy gateway for the build. Keep one: remove GoDockerStartProxy (Gateway mode fetches from the GoProxy list and caches in GoModCacheDir), or set GoModCacheMode to Mount.");
    public static readonly DiagnosticDescriptor ModCacheDirOutsideGatewayMode = Warning("GD1095", "GoModCacheDir ignored",
        "GoModCacheDir is set but GoModCacheMode is {0}, which keeps no module cache in a host folder, so the folder stays empty. Set GoModCacheMode to Gateway, or remove GoModCacheDir.");
    public static readonly DiagnosticDescriptor GatewayModeNeedsHostNetwork = Error("GD1096", "GoModCacheMode=Gateway needs the host network",
        "GoModCacheMode is Gateway but GoDockerNetwork is '{0}': the build's gateway listens on the host's loopback, which only the host network reaches. Remove GoDockerNetwork (Gateway mode builds with --network host), or use GoModCacheMode Mount or Layer.");

    // GD1105-GD1109: the container engine (docs/engines.md).
    public static readonly DiagnosticDescriptor InvalidContainerEngine = Error("GD1105", "Invalid GoContainerEngine",
        "GoContainerEngine '{0}' is invalid. Use Auto, Docker or Podman.");
    // GD1100-GD1104: the Docker engine's address as the docker CLI resolves it (docs/engines.md).
    public static readonly DiagnosticDescriptor InvalidDockerHost = Error("GD1100", "Invalid Docker engine address",
        "{0} names the Docker engine '{1}', which the docker CLI refuses: {2}. Set it to unix:///path/to/docker.sock, tcp://host:port, ssh://user@host[:port] or npipe:////./pipe/name (or unset DOCKER_HOST to use the current Docker context).");
    public static readonly DiagnosticDescriptor DockerContextMissing = Error("GD1101", "Docker context not found",
        "The Docker context '{0}' ({1}) is not in the context store: {2}. Create it ('docker context create {0} --docker host=...'), or choose one 'docker context ls' lists: set DOCKER_CONTEXT, or run 'docker context use NAME' ('default' is DOCKER_HOST or the local socket).");
    public static readonly DiagnosticDescriptor DockerTlsFilesMissing = Error("GD1102", "Docker TLS files missing",
        "{0} connects to the Docker engine {1} with TLS, but {2}. Put ca.pem (and cert.pem with key.pem for a client certificate) in {3}, point {4} at the folder that has them, or turn TLS off for an engine without it.");
    public static readonly DiagnosticDescriptor DockerTlsFilesInvalid = Error("GD1103", "Docker TLS files unusable",
        "The TLS files for the Docker engine {0} ({1}) cannot be used: {2}. ca.pem must be the CA that signed the engine's certificate, cert.pem and key.pem one client certificate and its own key: copy the right files to {3}, or point {4} at the folder that has them.");

    // GD2xxx: go.mod, go.sum and go.work content.
    public static readonly DiagnosticDescriptor GoModSyntax = Error("GD2001", "go.mod syntax error",
        "{0}");
    public static readonly DiagnosticDescriptor GoSumMalformed = Error("GD2002", "Malformed go.sum",
        "{0}");
    public static readonly DiagnosticDescriptor GoWorkSyntax = Error("GD2003", "go.work syntax error",
        "{0}");
    public static readonly DiagnosticDescriptor MissingGoSumEntry = Error("GD2004", "Missing go.sum entry",
        "go.sum has no entry for {0}. Run 'go mod tidy' (or 'go mod download {0}') on a machine that can reach the proxy and commit go.sum.");
    public static readonly DiagnosticDescriptor GoVersionNewerThanImage = Error("GD2005", "go.mod needs a newer Go than the base image",
        "go.mod requires {0} {1}, but the base image {2} has Go {3} and GOTOOLCHAIN is '{4}'. Use a base image with Go {1} or later, or lower the '{0}' line.");
    public static readonly DiagnosticDescriptor ReplaceOutsideContext = Error("GD2006", "replace directory outside the Docker context",
        "replace {0} => {1} points outside the Docker build context '{2}', so the build cannot see it. Move the directory into the context, set GoDockerContext to a folder that holds both, or replace with a module version.");
    public static readonly DiagnosticDescriptor UnknownDirective = Error("GD2007", "go.mod directive unknown to this Go",
        "The go command in the image does not know the go.mod directive '{0}' (added in a newer Go). Use a base image with a newer Go, or remove the directive.");
    public static readonly DiagnosticDescriptor InvalidGoVersion = Error("GD2008", "Invalid go version",
        "{0}");
    public static readonly DiagnosticDescriptor GoModTooLarge = Error("GD2009", "go.mod too large",
        "'{0}' holds more than {1} bytes, the most the go command reads of a go.mod. Give the module's go.mod file; one this large (or a device or pipe that never ends) is not one.");
    public static readonly DiagnosticDescriptor GoModUnreadable = Error("GD2010", "go.mod cannot be read",
        "Reading '{0}' failed: {1}. Give a go.mod file that can be read.");
    public static readonly DiagnosticDescriptor InvalidModuleZip = Error("GD2030", "Invalid module zip",
        "{0}. The go command rejects such a module zip: rename or remove the files named here (case-insensitive duplicates, go.mod outside the root, disallowed characters, files over the size limits), or rebuild the zip from the module directory.");
    public static readonly DiagnosticDescriptor InvalidModulePathVersion = Error("GD2031", "Invalid module path or version",
        "{0}. Give a module path such as 'example.com/name' and a canonical semantic version such as 'v1.2.3' whose major version matches the path's /vN suffix (v0 or v1 without a suffix).");
    public static readonly DiagnosticDescriptor HashNeedsModule = Error("GD2032", "Module path and version needed to hash a directory",
        "'{0}' is a directory: its h1 hash covers file names that start with 'path@version/', so pass --module path@version (for example --module example.com/m@v1.0.0).");
    public static readonly DiagnosticDescriptor ReplaceDirectoryWithoutGoMod = Error("GD2040", "replace directory has no go.mod",
        "replace {0} => {1}: the directory '{2}' has no go.mod, so the go command cannot use it as a module. Run 'go mod init {0}' in it, or fix the path.");
    public static readonly DiagnosticDescriptor VendorFolderMissing = Error("GD2041", "-mod=vendor without a vendor folder",
        "{0} asks for -mod=vendor, but '{1}' does not exist. Run 'go mod vendor' and commit the vendor folder, or remove -mod=vendor.");
    public static readonly DiagnosticDescriptor InconsistentVendoring = Error("GD2042", "Inconsistent vendoring",
        "vendor/modules.txt does not match go.mod ({0}): {1}. Run 'go mod vendor' with the Go of the base image and commit vendor/, or build with -mod=mod (GoFlags) to ignore vendor/.");
    public static readonly DiagnosticDescriptor ReplaceDirectoryNotInBuild = Error("GD2043", "replace directory missing in the build",
        "{0} is replaced by the directory {1}, but the go command in the build could not read {2} ({3}). The directory must be inside the Docker context with its go.mod; check GoDockerContext and .dockerignore, or fix the replace path.");

    // GD3xxx: network, HTTP proxies, GOPROXY and checksum database answers.
    public static readonly DiagnosticDescriptor DnsLookupFailed = Error("GD3001", "DNS lookup failed",
        "Cannot resolve host '{0}' for {1}: {2}. Check the name in {3}, the DNS servers the build uses (GoDockerNetwork), or set HTTPS_PROXY.");
    public static readonly DiagnosticDescriptor ConnectionRefused = Error("GD3002", "Connection refused",
        "Connection to {0} for {1} was refused: nothing listens there. Check the URL and port in {2}, or start the proxy.");
    public static readonly DiagnosticDescriptor ConnectionTimedOut = Error("GD3003", "Connection timed out",
        "Connection to {0} for {1} timed out after {2}: a firewall drops the traffic or the host is down. Set HTTPS_PROXY to your company proxy, or use a reachable GoProxy.");
    public static readonly DiagnosticDescriptor ConnectionReset = Error("GD3004", "Connection reset",
        "Connection to {0} for {1} was reset by the peer or a middlebox. Check firewall rules and HTTPS_PROXY.");
    public static readonly DiagnosticDescriptor HttpProxyFailed = Error("GD3005", "HTTP proxy failed",
        "The HTTP proxy {0} failed for {1}: {2}. Check HTTPS_PROXY/HTTP_PROXY and NO_PROXY, or ask for the destination to be allowed.");
    public static readonly DiagnosticDescriptor ProxyHttpError = Error("GD3006", "Module proxy answered with an error",
        "Module proxy {0} answered {1} for {2}. Under ',' the go command stops at this error; use '|' after this proxy in GoProxy to fall through on any error, or fix the proxy.");
    public static readonly DiagnosticDescriptor ProxyUnauthorized = Error("GD3007", "Module proxy needs credentials",
        "Module proxy {0} answered {1} for {2}: it needs credentials. Give them as a GoBuildSecret netrc item (never in the GoProxy URL).");
    public static readonly DiagnosticDescriptor ChecksumDbUnreachable = Error("GD3008", "Checksum database unreachable",
        "The checksum database {0} cannot be reached: {1}. Allow it, use a GoProxy that serves /sumdb/, or set GoNoSumDb/GoPrivate for private modules.");
    public static readonly DiagnosticDescriptor TlsHandshakeTimeout = Error("GD3009", "TLS handshake timeout",
        "The TLS handshake with {0} for {1} timed out. A firewall or intercepting proxy stalls the connection; set HTTPS_PROXY or use a reachable GoProxy.");
    public static readonly DiagnosticDescriptor ProxyFallsThrough = Info("GD3010", "Proxy falls through",
        "{0}");
    public static readonly DiagnosticDescriptor NoWorkingProxyPath = Error("GD3011", "No working download path",
        "No module download path works: {0}");
    public static readonly DiagnosticDescriptor ProbeTimedOut = Error("GD3012", "Endpoint did not answer in time",
        "{0} did not answer within {1} ({2}). Raise GoVerifyTimeout, or fix the network path to it.");
    public static readonly DiagnosticDescriptor NotAnSshServer = Error("GD3013", "Not an SSH server",
        "{0} accepted the connection for {1} but did not answer as an SSH server ({2}). Check the host and port in {3}: git in the build connects there with ssh.") with { Subject = DiagnosticSubject.Secret };
    public static readonly DiagnosticDescriptor NetworkUnreachable = Error("GD3020", "No route to host",
        "There is no route to {0} for {1} ({2}). The build's network cannot reach it: check GoDockerNetwork, or set HTTPS_PROXY to a proxy that can.");
    public static readonly DiagnosticDescriptor ProxyForbiddenByPolicy = Error("GD3021", "Proxy refused by network policy",
        "{0} answered {1} for {2}: a network policy blocks it (a firewall, an egress rule such as VPC Service Controls, or a region block), not missing credentials. Allow the host in the network policy, or set GoProxy to a proxy the build's network may use.");

    // GD3050-GD3069: the module proxy gateway (godocker proxy).
    public static readonly DiagnosticDescriptor PinnedContentChanged = Warning("GD3050", "Upstream changed a pinned module file",
        "{0}@{1}: upstream {2} now serves other bytes for {3} (SHA-256 {4}) than the gateway pinned when it first stored it (SHA-256 {5}). {6} A published version never changes: find out who re-published {0}@{1} before trusting it, and publish any fix as a new version.");
    public static readonly DiagnosticDescriptor SnapshotNotFound = Error("GD3051", "Snapshot not found",
        "Snapshot '{0}' does not exist in cache {1}. Run 'godocker proxy snapshot list --cache {1}' to see the snapshots, or create it with 'snapshot create --name {0}'.");
    public static readonly DiagnosticDescriptor InvalidSnapshotName = Error("GD3052", "Invalid snapshot name",
        "Snapshot name '{0}' is invalid. Use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
    public static readonly DiagnosticDescriptor SnapshotExists = Error("GD3053", "Snapshot already exists",
        "Snapshot '{0}' already exists in cache {1}, and snapshots never change. Choose another --name.");
    public static readonly DiagnosticDescriptor SnapshotArchiveInvalid = Error("GD3054", "Snapshot archive does not verify",
        "The snapshot archive {0} does not match its manifest: {1}. Nothing was imported; export the snapshot again from the source gateway and copy it unchanged.");
    public static readonly DiagnosticDescriptor GatewayCannotListen = Error("GD3055", "Gateway cannot listen",
        "The module proxy gateway cannot listen on {0}: {1}. Choose a free host:port with --listen, or stop the process that uses it.");
    public static readonly DiagnosticDescriptor GatewayDidNotStart = Error("GD3056", "Build gateway did not start",
        "The module proxy gateway for this build (GoDockerStartProxy) did not start: {0}. Check GoDockerProxyCache and GoDockerProxySnapshot, or set GoDockerStartProxy=false.");
    // GD3070-GD3079: image registries.
    public static readonly DiagnosticDescriptor RegistryUnreachable = Error("GD3070", "Registry unreachable",
        "Cannot reach the image registry {0}: {1}. Check GoImageRegistry's host and port and that the registry runs; a registry behind an HTTP proxy needs HTTPS_PROXY set for the build.");

    // GD3080-GD3089: gateway replicas (coordination through Redis) and the checksum database proxy.
    public static readonly DiagnosticDescriptor CoordinationUnreachable = Error("GD3080", "Gateway coordination store unreachable",
        "The module proxy gateway cannot reach its coordination store {0}: {1}. Start Redis there (or fix --coordination), or run without --coordination as a single gateway.");
    public static readonly DiagnosticDescriptor ReplicaUpstreamsDiffer = Error("GD3081", "Gateway replicas use different upstreams",
        "This gateway replica uses the upstream list '{0}', but running replicas recorded '{1}' in {2}: replicas of one cache must fetch from the same upstreams. Give every replica the same --upstream, or stop the others (the record expires {3} s after the last one stops).");
    // GD3090-GD3099: the registries of the project's images, as verify probes them.
    public static readonly DiagnosticDescriptor NotAnImageRegistry = Error("GD3090", "Not an image registry",
        "The registry {0} of {2} '{3}' answered GET /v2/ with {1}, but an image registry answers 200, or 401 with a WWW-Authenticate challenge: {0} is not a registry (or a proxy answers in its place). Fix the registry host in {2}, or pull the image once so the engine holds it ('docker pull {3}').");
    public static readonly DiagnosticDescriptor RegistryLoginMissing = Error("GD3091", "Registry needs a docker login",
        "The registry {0} of {1} '{2}' answered GET /v2/ with 401 and a {3} challenge: it needs credentials, and {4} has none for {0}, so the engine cannot pull the image. Run 'docker login {0}' as the user that builds (or set DOCKER_CONFIG to a config that holds the login), or pull the image once so the engine holds it ('docker pull {2}').");
    public static readonly DiagnosticDescriptor RegistryLoginRefused = Error("GD3092", "Registry refused the docker login",
        "The registry {0} of {1} '{2}' refused the credentials of {3} (GET /v2/ with them: {4}), so the engine cannot pull the image. Run 'docker login {0}' again with a valid account, or pull the image once so the engine holds it ('docker pull {2}').");

    // GD4xxx: TLS and CA trust.
    public static readonly DiagnosticDescriptor UnknownAuthority = Error("GD4001", "Certificate signed by unknown authority",
        "{0} presented a certificate issued by '{1}', which is not trusted. Add that CA's certificate as a GoCaCertificate item.") with { Subject = DiagnosticSubject.Trust };
    public static readonly DiagnosticDescriptor CertificateExpired = Error("GD4002", "Certificate expired",
        "The certificate of {0} ('{1}') expired on {2:u}. The server must renew it; check the machine clock too.");
    public static readonly DiagnosticDescriptor CertificateNotYetValid = Error("GD4003", "Certificate not yet valid",
        "The certificate of {0} ('{1}') is valid only from {2:u}. Check the clock of this machine and of the Docker host.");
    public static readonly DiagnosticDescriptor HostnameMismatch = Error("GD4004", "Certificate name mismatch",
        "The certificate of {0} is valid for {1}, not for '{2}'. Use a host name the certificate holds in GoProxy.");
    public static readonly DiagnosticDescriptor IncompleteChain = Error("GD4005", "Incomplete certificate chain",
        "{0} omits its intermediate '{1}': it sends its certificate without the CA certificate that issued it, and Go never fetches a missing intermediate{2}. Add it as GoCaCertificate or fix the server's chain.") with { Subject = DiagnosticSubject.Trust };
    public static readonly DiagnosticDescriptor SelfSignedCertificate = Error("GD4006", "Self-signed certificate",
        "{0} presented a self-signed certificate ('{1}'). Add it as a GoCaCertificate item if you trust it.") with { Subject = DiagnosticSubject.Trust };
    public static readonly DiagnosticDescriptor TlsInterception = Error("GD4007", "TLS interception",
        "{0} is a public host but answered with a certificate issued by '{1}': a corporate proxy intercepts TLS. Add your company's root CA as a GoCaCertificate item.") with { Subject = DiagnosticSubject.Trust };
    public static readonly DiagnosticDescriptor InvalidCaCertificate = Error("GD4008", "Invalid CA certificate file",
        "GoCaCertificate '{0}' is not usable: {1}. Give a PEM file ('-----BEGIN CERTIFICATE-----') holding a CA certificate.");
    public static readonly DiagnosticDescriptor NoCaBundleInImage = Error("GD4009", "No CA bundle in the image",
        "The base image {0} has no CA bundle where Go looks for one ({1}), so every HTTPS download fails. Use an image with ca-certificates, or add GoCaCertificate items.");
    public static readonly DiagnosticDescriptor TlsHandshakeFailed = Error("GD4010", "TLS handshake failed",
        "The TLS handshake with {0} failed: {1}.");
    public static readonly DiagnosticDescriptor TlsInterceptionTrusted = Info("GD4020", "TLS interception trusted through GoCaCertificate",
        "{0} is a public host but answered with a certificate issued by '{1}', which only a GoCaCertificate item trusts: a corporate proxy intercepts TLS. Downloads work as long as every build gets that GoCaCertificate.") with { Subject = DiagnosticSubject.Trust };
    public static readonly DiagnosticDescriptor PostQuantumHandshakeStalls = Error("GD4021", "Post-quantum TLS handshake stalls",
        "The TLS handshake with {0} for {1} {2}. Go {3} sends a post-quantum hybrid key share ({4}) that makes its ClientHello span two TCP segments, and some firewalls and TLS-inspecting middleboxes drop it. Add <GoEnvironmentVariable Include=\"GODEBUG\" Value=\"{5}\" /> to the project{6}, or have the middlebox fixed.");
    public static readonly DiagnosticDescriptor UntrustedRootOfCompleteChain = Error("GD4022", "Root of a complete chain not configured",
        "{0} sends a complete certificate chain that ends at the root '{1}'{2}, but that root is not trusted: neither the system CA bundle nor any GoCaCertificate holds it. Add the root's certificate (subject '{1}') as a GoCaCertificate item.") with { Subject = DiagnosticSubject.Trust };
    public static readonly DiagnosticDescriptor TlsInterceptedByProxy = Error("GD4023", "TLS intercepted by a proxy",
        "{0} answered with a certificate issued by '{1}' {2}: a proxy intercepts TLS and re-signs the server's certificates. Add your company's interception root CA as a GoCaCertificate item, or have {0} exempted from TLS inspection.") with { Subject = DiagnosticSubject.Trust };
    // GD4050-GD4059: image registry TLS.
    public static readonly DiagnosticDescriptor RegistryCertificateUntrusted = Error("GD4050", "Registry certificate not trusted",
        "The image registry {0} presented a certificate this machine does not trust: {1}. Add the registry's CA as a GoCaCertificate item, or as /etc/docker/certs.d/{0}/ca.crt where Docker reads it, or to the system trust store.");

    // GD5xxx: Docker engine, BuildKit and images.
    public static readonly DiagnosticDescriptor DockerEngineUnreachable = Error("GD5001", "Docker engine unreachable",
        "Cannot reach the Docker engine at {0}: {1}. Start Docker, or set DOCKER_HOST; set GoDownload=Local to download on the host instead.");
    public static readonly DiagnosticDescriptor BuildKitUnavailable = Error("GD5002", "No BuildKit-capable docker CLI",
        "No docker CLI that can run BuildKit builds was found ({0}). Install the buildx plugin, or a docker CLI with BuildKit built in.");
    public static readonly DiagnosticDescriptor BaseImageNotFound = Error("GD5003", "Base image not available",
        "The image {0} is not present locally and cannot be pulled: {1}. Pull or load it first, or set GoBaseImage to an image you have.");
    public static readonly DiagnosticDescriptor DockerfileSyntaxOffline = Error("GD5004", "Dockerfile frontend image unreachable",
        "BuildKit could not fetch the Dockerfile frontend {0} named by the '# syntax=' line. Set GoDockerfileSyntax to empty to use the built-in frontend offline.");
    public static readonly DiagnosticDescriptor DockerBuildFailed = Error("GD5005", "docker build failed",
        "docker build failed: {0}");
    public static readonly DiagnosticDescriptor MountNotSupported = Error("GD5006", "RUN --mount needs BuildKit",
        "The builder does not support 'RUN --mount' ({0}): it is not BuildKit. Set DOCKER_BUILDKIT=1 or install the buildx plugin.");
    public static readonly DiagnosticDescriptor DockerApiTooOld = Error("GD5007", "Docker engine too old",
        "The Docker engine API version {0} is older than {1}, the first with BuildKit. Upgrade Docker.");
    public static readonly DiagnosticDescriptor DownloadSkipped = Warning("GD5008", "Module download skipped",
        "The module download stage was skipped: {0}.");
    // GD5020-GD5029: podman as the container engine (docs/engines.md).
    public static readonly DiagnosticDescriptor PodmanUnavailable = Error("GD5020", "No usable podman CLI",
        "GoContainerEngine is Podman but no podman CLI runs here ({0}). Install podman (apt-get install podman buildah) and put it on PATH or name it in GODOCKER_PODMAN_CLI, or set GoContainerEngine to Docker or Auto.");
    public static readonly DiagnosticDescriptor PodmanOptionUnsupported = Error("GD5021", "Setting needs docker buildx",
        "{0} '{1}' needs docker buildx, but this build runs on {2}, and podman build has {3}. Remove {0}, or set GoContainerEngine to Docker.");
    public static readonly DiagnosticDescriptor PodmanApiSocketMissing = Error("GD5022", "Podman API socket not running",
        "verify --in-container runs its check container through podman's API, but nothing serves it at {0}. Start it (systemctl enable --now podman.socket, or podman system service --time=0 unix://{0} &) or set CONTAINER_HOST to the socket podman serves; or verify without --in-container.");
    // GD5010-GD5019: the Docker engine endpoint (TLS, ssh).
    public static readonly DiagnosticDescriptor DockerEngineCertificateUntrusted = Error("GD5010", "Docker engine certificate not trusted",
        "TLS with the Docker engine at {0} failed: its certificate is not one {1} vouches for ({2}). Use as ca.pem the CA that signed the engine's --tlscert, or connect by a name the certificate was issued for.");
    public static readonly DiagnosticDescriptor DockerEngineRefusedClientCertificate = Error("GD5011", "Docker engine refused the TLS client certificate",
        "TLS with the Docker engine at {0} failed: the engine refused the client certificate {1} ({2}). Use a cert.pem and key.pem signed by the CA the engine trusts (its --tlscacert), or update the files of {3}.");
    public static readonly DiagnosticDescriptor DockerEngineSshFailed = Error("GD5012", "Docker engine unreachable over ssh",
        "Cannot reach the Docker engine at {0} over ssh: {1}. Check that 'ssh {2} docker system dial-stdio' runs without a prompt (the key in ssh-agent or ~/.ssh/config, the host in known_hosts) and that the remote user may use Docker, or change {3}.");
    public static readonly DiagnosticDescriptor DockerEngineExpectsTls = Error("GD5013", "Docker engine expects TLS",
        "The Docker engine at {0} speaks TLS, but {1} connects without it. Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the folder with ca.pem, cert.pem and key.pem (or create a Docker context with ca=, cert= and key=).");
    // GD5014 is retired (verify --in-container reaches ssh:// engines now); the number is not reused.
    public static readonly DiagnosticDescriptor CheckContainerRefused = Error("GD5015", "Engine refused the verify check container",
        "The container engine at {0} refused to {1} the verify --in-container check container from {2}: {3}. This is the engine's own error, not the module settings': fix what it names (its runtime, resource limits or storage), or run verify without --in-container.");
    // GD5050-GD5059: image publish.
    public static readonly DiagnosticDescriptor MultiPlatformPublishUnsupported = Error("GD5050", "Multi-platform image cannot be loaded",
        "GoPlatforms lists {0} platforms ({1}), but publish would load the image into the local Docker engine, which holds one platform per tag and cannot take a multi-platform image. Set GoImageRegistry to push the multi-platform image, set GoImageArchiveOutputPath to write it as an OCI layout, or set GoPlatforms to one platform.");
    public static readonly DiagnosticDescriptor RegistryRequestFailed = Error("GD5051", "Registry refused a request",
        "The image registry {0} answered {1} to {2}: {3}. Check that {0} is a Docker Registry HTTP API v2 server with room for the image, and that GoImageRepository names a repository it accepts.");
    public static readonly DiagnosticDescriptor ImageLoadFailed = Error("GD5052", "docker load failed",
        "Loading the image {0} into the Docker engine failed: {1}. Start the Docker engine, or set GoImageRegistry to push or GoImageArchiveOutputPath to write the image to a file instead.");
    public static readonly DiagnosticDescriptor RuntimeImageUnavailable = Error("GD5053", "Runtime image not available",
        "The runtime image {0} is neither in the local Docker engine nor readable from its registry: {1}. Pull or load it first ('docker pull {0}'), or set GoRuntimeImage to an image you have (or 'scratch').");
    public static readonly DiagnosticDescriptor BinaryNotBuilt = Error("GD5054", "No binary from the build stage",
        "docker build --target binary finished but left no binary at '{0}'. Check that GoMainPackage names a main package, and that nothing else writes to the project's obj/godocker/publish folder.");
    public static readonly DiagnosticDescriptor PlatformNotBuildable = Error("GD5055", "Builder cannot build the platform",
        "The builder cannot build the binary for {0} (from GoPlatforms): {1}. Leave GoCgoEnabled off so the deps and build stages run on the build machine and Go cross-compiles for {0}, give the builder an emulator for {0} (QEMU binfmt, as 'docker run --privileged --rm tonistiigi/binfmt --install all' installs it), or remove {0} from GoPlatforms.");
    public static readonly DiagnosticDescriptor PlatformNotSupportedByGo = Error("GD5056", "Go cannot compile for the platform",
        "GoPlatforms has {0}, which the Go of GoBaseImage cannot compile for ({1}). Remove {0} from GoPlatforms or change it to a platform 'go tool dist list' prints (such as linux/amd64, linux/arm64 or linux/arm/v7); a platform newer than the image's Go needs a newer GoBaseImage.");
    // GD5060-GD5069: buildx builders.
    public static readonly DiagnosticDescriptor BuilderCannotReachHostLoopback = Error("GD5060", "Builder cannot reach the host's loopback",
        "{0} points at the host's loopback ({1}), but the build runs on the buildx {2}, where 'localhost' and --network host are the BuildKit container's own network, not this machine's. Set {0} to an address the builder can reach (the host's LAN name or IP), set GoDockerNetwork to a network that reaches it, or build with a builder whose driver is 'docker' (GoDockerBuilder=default, or 'docker buildx use default').");
    public static readonly DiagnosticDescriptor BuilderNeedsBuildx = Error("GD5061", "GoDockerBuilder needs buildx",
        "GoDockerBuilder is '{0}', but the docker CLI {1} has no buildx plugin, so it cannot choose a builder. Install the buildx plugin (Debian: docker-buildx; or ~/.docker/cli-plugins/docker-buildx), or clear GoDockerBuilder to build with the engine's built-in BuildKit.");
    public static readonly DiagnosticDescriptor BuilderNotFound = Error("GD5062", "buildx builder not found",
        "'docker buildx inspect {0}' failed: {1}. Set GoDockerBuilder to a builder that 'docker buildx ls' lists, or create it with 'docker buildx create --name {0}'.");
    // GD5070-GD5079: layer caches and the engine.
    public static readonly DiagnosticDescriptor DockerCacheUnsupported = Error("GD5070", "Layer cache not supported by this docker CLI",
        "{0} '{1}' needs {2}, but {3} has no buildx: docker build's built-in BuildKit imports only images (--cache-from IMAGE, with an inline cache) and exports only inline caches (BUILDKIT_INLINE_CACHE, or the deps stage image the SDK pushes for type=registry,ref=IMAGE). Install the buildx plugin, or use '{4}'.");
    public static readonly DiagnosticDescriptor LayerCachePushFailed = Error("GD5071", "Layer cache push failed",
        "The modules were downloaded, but pushing the layer cache image {0} (GoDockerCacheTo) failed: {1}. {2}; or clear GoDockerCacheTo to build without exporting the cache.");

    // GD6xxx: module download failures seen in go output.
    public static readonly DiagnosticDescriptor ModuleVersionNotFound = Error("GD6001", "Module version not found",
        "{0}@{1}: the module proxy {2} answered {3}. Check the version in go.mod, or, for a private module, add it to GoPrivate so it is fetched directly.") with { Subject = DiagnosticSubject.Module };
    public static readonly DiagnosticDescriptor ChecksumDbNotFound = Error("GD6002", "Checksum database does not know the module",
        "The checksum database answered {0} for {1}@{2}: it cannot see private modules. Add '{3}' to GoPrivate (or GoNoSumDb).") with { Subject = DiagnosticSubject.Module };
    public static readonly DiagnosticDescriptor ChecksumMismatch = Error("GD6003", "Checksum mismatch",
        "The downloaded {0}@{1} has hash {2} but go.sum records {3}. The content changed upstream or go.sum is wrong: investigate before you run 'go mod tidy'.");
    public static readonly DiagnosticDescriptor SecurityError = Error("GD6004", "Checksum database disagrees",
        "SECURITY ERROR for {0}@{1}: the download has hash {2} but the checksum database {3} records {4}. The bits were changed at the origin or on the way (a proxy, a cache, an attacker); do not change go.sum until you know why.");
    public static readonly DiagnosticDescriptor CredentialsRequired = Error("GD6005", "Credentials required",
        "Fetching {0} needs credentials ({1}). Add a GoBuildSecret netrc, token or ssh item for its host and list the module in GoPrivate.") with { Subject = DiagnosticSubject.Module };
    public static readonly DiagnosticDescriptor UnknownRevision = Error("GD6006", "Unknown revision",
        "{0}: revision {1} does not exist in the repository. Fix the version in go.mod.");
    public static readonly DiagnosticDescriptor InvalidModuleVersion = Error("GD6007", "Invalid module version",
        "{0}@{1}: {2}");
    public static readonly DiagnosticDescriptor GoTooOld = Error("GD6008", "Go in the image is too old",
        "{0} requires go >= {1}, but the image runs go {2} with GOTOOLCHAIN={3}. Use a base image with Go {1} or later.");
    public static readonly DiagnosticDescriptor MalformedModulePath = Error("GD6009", "Malformed module path",
        "Malformed module path '{0}': {1}. Fix the path in go.mod.");
    public static readonly DiagnosticDescriptor NoMatchingVersions = Error("GD6010", "No matching versions",
        "No version of {0} matches '{1}'. Check the module path and that the proxy has it.");
    public static readonly DiagnosticDescriptor UnrecognizedImportPath = Error("GD6011", "Unrecognized import path",
        "The go command could not find the repository of {0}: {1}. For a private module, add it to GoPrivate and give credentials as a GoBuildSecret.") with { Subject = DiagnosticSubject.Module };
    public static readonly DiagnosticDescriptor ModulePathMismatch = Error("GD6020", "Module path mismatch",
        "{0}@{1} declares its module path as {2}, but go.mod requires it as {0}. Require {2} instead (with 'replace {2} => {0} {1}' to use this copy), or fix the module line of {0}.");
    public static readonly DiagnosticDescriptor GoModNeedsUpdates = Error("GD6021", "go.mod needs updates",
        "go.mod does not list every requirement the build needs ({0}). Run 'go mod tidy' on a machine that can reach the proxy and commit go.mod and go.sum.");
    public static readonly DiagnosticDescriptor PackageNotInModule = Error("GD6022", "Package not in module",
        "Module {0} ({1}) does not contain package {2}. Check the import path, or require the module that holds the package (it may have moved to a /vN path).");
    public static readonly DiagnosticDescriptor ToolchainDownloadFailed = Error("GD6023", "Go toolchain download failed",
        "The go command could not download the Go toolchain {0} that go.mod asks for ({1}). Use a base image with Go {2} or later (GoBaseImage), or make golang.org/toolchain reachable through GoProxy.");
    public static readonly DiagnosticDescriptor ModuleDownloadFailed = Error("GD6024", "Module not downloaded",
        "The go command could not download {0}: {1}. GoDocker does not recognize this error; the module comes from this line.");
    public static readonly DiagnosticDescriptor RepositoryNotFound = Error("GD6025", "Repository not found",
        "The repository of {0} does not exist for the build ({1}): it was deleted, renamed or moved, which no credentials fix, or it is private and the credentials given for its host cannot see it. Require the module under its new path, or add 'replace {0} => <new path> <version>' (a fork or a mirror).");
    // GD6026-GD6029: the Gateway mode's module cache folder (GoModCacheDir).
    public static readonly DiagnosticDescriptor ModCacheDirNotWritable = Error("GD6026", "GoModCacheDir not writable",
        "GoModCacheDir '{0}' cannot hold the module cache: {1}. Point GoModCacheDir at a folder this build may create and write (on CI, the folder the cache step restores), or fix its permissions or free space.");
    public static readonly DiagnosticDescriptor ModCacheDirOlderLayout = Warning("GD6027", "GoModCacheDir from another cache layout",
        "GoModCacheDir '{0}' holds {1}, not a module cache of layout {2}; it is left unread and the modules are downloaded into {3}. Key the CI cache on the SDK version too (docs/ci.md), or delete the old content.");
    public static readonly DiagnosticDescriptor ModCacheDirNewerLayout = Error("GD6028", "GoModCacheDir from a newer SDK",
        "GoModCacheDir '{0}' holds a module cache of layout {1}, written by a newer GoDocker.Sdk; this version reads layout {2} and does not touch it. Use the newer SDK, or give this build its own GoModCacheDir (key the CI cache on the SDK version).");
    public static readonly DiagnosticDescriptor ModCacheDirBusy = Error("GD6029", "GoModCacheDir in use",
        "GoModCacheDir '{0}' is locked by another build ({1}) and was not released within {2} s. Wait for that build, give each concurrent build its own GoModCacheDir, or remove the lock file '{3}' if no build runs.");
    public static readonly DiagnosticDescriptor UnclassifiedDownloadFailure = Error("GD6999", "Module download failed",
        "The module download failed for a reason GoDocker does not recognize. Last lines of output:\n{0}");

    // GD7xxx: secrets and security.
    public static readonly DiagnosticDescriptor CredentialsInUrl = Error("GD7001", "Credentials in a URL",
        "{0} holds credentials in its URL ('user:password@'), which would be written into the image. Remove them and add a GoBuildSecret netrc item instead.");
    public static readonly DiagnosticDescriptor SecretInProperty = Error("GD7002", "Secret in a project property",
        "{0} looks like it holds a secret ({1}). Never put tokens in project properties: give them as a GoBuildSecret item from a file or environment variable.");
    public static readonly DiagnosticDescriptor SecretSourceMissing = Error("GD7003", "Build secret source missing",
        "GoBuildSecret '{0}' reads {1}, which does not exist. Create it, or remove the item.");
    public static readonly DiagnosticDescriptor InvalidBuildSecret = Error("GD7004", "Invalid build secret",
        "GoBuildSecret '{0}' is invalid: {1}.");
    public static readonly DiagnosticDescriptor SecretFileInContext = Warning("GD7010", "Secret file inside the Docker context",
        "GoBuildSecret '{0}' reads '{1}', which lies inside the Docker build context. The generated .dockerignore keeps it out, but another Dockerfile or a hand-written .dockerignore may not: move the file out of the context.");
    public static readonly DiagnosticDescriptor SshWithoutKnownHosts = Error("GD7011", "SSH secret without known hosts",
        "GoBuildSecret '{0}' forwards SSH to {1} but has no KnownHosts file, so the build cannot check the host key. Add KnownHosts=\"path/known_hosts\" with the output of 'ssh-keyscan {1}', checked against the host's published fingerprint.");
    public static readonly DiagnosticDescriptor NetrcOverPlainHttp = Warning("GD7012", "netrc credentials are not sent over HTTP",
        "GoBuildSecret '{0}' gives netrc credentials, but GoProxy '{1}' is plain HTTP, and the go command sends netrc credentials over HTTPS only, so the proxy will answer 401. Serve the proxy over HTTPS (add its CA as a GoCaCertificate item if it is private).");
    public static readonly DiagnosticDescriptor BuildSecretRefused = Error("GD7013", "Build secret refused",
        "Fetching {0} failed although GoBuildSecret '{1}' gives {2} credentials for {3}: {4}. The token or key is wrong, expired or revoked, or may not read this repository: renew it or grant it read access, and check the item's User.") with { Subject = DiagnosticSubject.Secret };
    public static readonly DiagnosticDescriptor KnownHostsMissingHost = Error("GD7014", "known_hosts does not list the SSH host",
        "GoBuildSecret '{0}' forwards SSH to {1}, but its KnownHosts file {2} has no key for {3}, so ssh in the build will refuse the host ('Host key verification failed'). Add the line from 'ssh-keyscan {4}', checked against the host's published fingerprint.");
    public static readonly DiagnosticDescriptor SshHostKeyRejected = Error("GD7015", "SSH host key verification failed",
        "Fetching {0} over SSH failed: {1}. The host's key is not the one in the KnownHosts file given to the build{2}: the host's key changed, or something intercepts the connection. Compare 'ssh-keyscan {3}' with the fingerprint the Git host publishes, then update the file.");
    public static readonly DiagnosticDescriptor NetrcItemMissing = Error("GD7016", "Credentials needed, no netrc item given",
        "{0} answered {1} for {2}: it needs credentials, and the project gives no GoBuildSecret netrc item, so go in the image read {3}. Add <GoBuildSecret Include=\"netrc\" File=\"...\" /> whose file has 'machine {4} login ... password ...' (never put credentials in a URL or property).");
    public static readonly DiagnosticDescriptor NetrcEntryMissing = Error("GD7017", "netrc item has no credentials go sends",
        "{0} answered {1} for {2}: GoBuildSecret '{3}' is given and go in the image read {4}, but {5}.") with { Subject = DiagnosticSubject.Secret };
    // GD7018-GD7019: image registry credentials.
    public static readonly DiagnosticDescriptor RegistryCredentialsRefused = Error("GD7018", "Registry credentials refused",
        "The image registry {0} answered 401 Unauthorized {1}. Run 'docker login {0}' with an account that may push (publish reads the credentials from {2} and its credential helpers, never from a property).");
    public static readonly DiagnosticDescriptor RegistryPushDenied = Error("GD7019", "Registry denied the push",
        "The image registry {0} answered 403 Forbidden for repository '{1}': the credentials ({2}) are accepted but may not push there. Ask for push rights on the repository, or set GoImageRepository to one you may push to.");

    // GD8xxx: Go code, as the build stage's go build and go vet report it.
    public static readonly DiagnosticDescriptor GoCompileError = Error("GD8001", "Go compile error",
        "{0}. go build in the build stage reported this at this line: fix the Go code here and build again.");
    public static readonly DiagnosticDescriptor GoVetFinding = Error("GD8002", "go vet finding",
        "go vet: {0}. Fix the code at this line, or set GoVet to false to build without go vet.");
    public static readonly DiagnosticDescriptor GoBuildFailed = Error("GD8003", "Go build failed",
        "The build stage failed without naming a Go source line (a link error, no Go files, a bad flag). Last lines of output:\n{0}\nFix what they name (the Go code, GoMainPackage, GoBuildFlags or GoLdflags).");
    public static readonly DiagnosticDescriptor GoErrorsTruncated = Warning("GD8004", "Go stopped reporting errors",
        "The Go compiler stopped after too many errors in {0}: fix the errors listed and build again to see the rest.");

    // GD8020-GD8029: go test (dotnet test, msbuild -t:Test, godocker test).
    public static readonly DiagnosticDescriptor GoTestFailed = Error("GD8020", "Go test failed",
        "{0} failed: {1}. Fix the code or the test; go test -run '^{2}$' {3} repeats it.");
    public static readonly DiagnosticDescriptor GoTestPanicked = Error("GD8021", "Go test panicked",
        "{0} panicked: {1}. The panic ended the whole test binary of {2}, so its later tests did not run; fix the panic at this line.");
    public static readonly DiagnosticDescriptor GoTestBuildFailed = Error("GD8022", "Go test package does not build",
        "The tests of {0} do not build: {1}. Fix this line; no test of the package ran.");
    public static readonly DiagnosticDescriptor GoTestTimedOut = Error("GD8023", "Go tests timed out",
        "The tests of {0} timed out ({1}){2}. Make the test finish (a deadlock or a wait without a deadline is the usual cause), or raise the limit with -timeout in GoTestFlags.");
    public static readonly DiagnosticDescriptor GoTestsNotFound = Warning("GD8024", "No Go test ran",
        "No Go test ran in {0} (packages: {1}). Add TestXxx functions in _test.go files, or point GoTestPackages at the packages that have them.");
    public static readonly DiagnosticDescriptor GoTestHostMissing = Error("GD8025", "Go test application missing",
        "dotnet test cannot run the Go tests of {1}: the test application it starts for a .goproj in Microsoft.Testing.Platform mode, {0}, does not exist. Restore the GoDocker.Sdk package again (delete its folder from the NuGet packages folder), or set GoDockerTestHostAssembly to an existing GoDocker.TestHost.dll.");
    public static readonly DiagnosticDescriptor GoTestStageFailed = Error("GD8026", "Go test stage did not run",
        "The Docker test stage of {0} failed before go test could report: {1}. Fix what the log above shows (the build stage must compile), then run the tests again.");
    public static readonly DiagnosticDescriptor GoTestPackageFailed = Error("GD8027", "Go test package failed",
        "The tests of {0} failed outside any test: {1}. Look at TestMain, init functions or the package's output above.");
    public static readonly DiagnosticDescriptor GoTestRequestUnreadable = Error("GD8028", "Go test application has no project to test",
        "The Go test application cannot read {0}, which the build of {1} writes for it: {2}. Build the project before 'dotnet test --no-build' (or run dotnet test without --no-build).");

    // GD9xxx: internal errors.
    public static readonly DiagnosticDescriptor InternalError = Error("GD9001", "Internal error",
        "GoDocker failed unexpectedly: {0}. Please report this with the build log.");
    public static readonly DiagnosticDescriptor Cancelled = Warning("GD9002", "Cancelled",
        "{0} was cancelled.");

    /// <summary>All descriptors, in declaration order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = typeof(DiagnosticCatalog)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    public static DiagnosticDescriptor? Find(string code) => All.FirstOrDefault(d => d.Code == code);
}
