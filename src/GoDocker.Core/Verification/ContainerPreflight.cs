using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using GoDocker.Core.Classification;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;

namespace GoDocker.Core.Verification;

/// <summary>
/// <c>verify --in-container</c>: runs the checks inside the project's base image with the build's network and
/// environment (go version, go env -json, the CA bundle Go would load, a real <c>go mod download -json</c>) and turns
/// what it sees into the same diagnostics as a build. The container is always removed, even on cancellation.
/// </summary>
public sealed class ContainerPreflight
{
    private const string Marker = "=== godocker ";
    private const string CaParent = "/etc";
    private const string CaFolder = "godocker/ca";
    private const string CaDirectory = CaParent + "/" + CaFolder;
    private readonly DockerEndpoint _endpoint;
    private readonly GoOutputClassifier _classifier;

    public ContainerPreflight(DockerEndpoint endpoint, GoOutputClassifier? classifier = null)
    {
        _endpoint = endpoint;
        _classifier = classifier ?? GoOutputClassifier.Default;
    }

    public async Task<ContainerPreflightResult> RunAsync(ContainerPreflightRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stopwatch = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(request.Timeout);
        if (_endpoint.Problem is { } problem)
        {
            return Failed(request, stopwatch, problem);
        }
        if (_endpoint.IsSsh)
        {
            // The engine's own check first, so a refused key or host is GD5012 with ssh's words, as in the build.
            try
            {
                await new DockerSshEngineClient(_endpoint).CheckAsync(request.Timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (DiagnosticException e)
            {
                return Failed(request, stopwatch, e.Diagnostic);
            }
            await using var bridge = DockerSshSocketBridge.Start(_endpoint, request.Timeout);
            return await RunThroughAsync(new DockerEngineProbe(bridge.Endpoint), (e, _) => bridge.Explain(e), request, stopwatch, deadline.Token, cancellationToken).ConfigureAwait(false);
        }
        var probe = new DockerEngineProbe(_endpoint);
        return await RunThroughAsync(probe, probe.Explain, request, stopwatch, deadline.Token, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates, starts, reads and removes the check container through the API client the probe makes.</summary>
    private async Task<ContainerPreflightResult> RunThroughAsync(DockerEngineProbe probe, Func<Exception, DockerTlsCredentials?, Diagnostic> explain,
        ContainerPreflightRequest request, Stopwatch stopwatch, CancellationToken deadline, CancellationToken cancellationToken)
    {
        DockerClient client;
        DockerTlsCredentials? tls;
        try
        {
            client = probe.CreateClient(request.Timeout, out tls);
        }
        catch (DiagnosticException e)
        {
            return Failed(request, stopwatch, e.Diagnostic);
        }
        using var _ = client;
        MemoryStream? caFiles;
        try
        {
            caFiles = request.CaCertificateFiles.Count == 0 ? null : CaArchive(request.CaCertificateFiles);
        }
        catch (DiagnosticException e)
        {
            return Failed(request, stopwatch, e.Diagnostic);
        }
        using var __ = caFiles;

        string? id = null;
        var step = "create";
        try
        {
            id = await CreateAsync(client, request, deadline).ConfigureAwait(false);
            step = "copy the CA files into";
            await CopyCaFilesAsync(client, id, caFiles, deadline).ConfigureAwait(false);
            step = "start";
            await client.Containers.StartContainerAsync(id, new ContainerStartParameters(), deadline).ConfigureAwait(false);
            step = "run";
            await client.Containers.WaitContainerAsync(id, deadline).ConfigureAwait(false);
            step = "read the output of";
            using var logs = await client.Containers.GetContainerLogsAsync(id, false,
                new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, deadline).ConfigureAwait(false);
            var (stdout, stderr) = await logs.ReadOutputToEndAsync(deadline).ConfigureAwait(false);
            return Interpret(request, stdout + stderr, stopwatch.Elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(request, stopwatch, DiagnosticCatalog.ProbeTimedOut.Create($"The check container from {request.Image}",
                PhaseTimer.Seconds(request.Timeout), $"go mod download {request.ModulePath}@{request.ModuleVersion}"));
        }
        catch (DockerImageNotFoundException ex)
        {
            return Failed(request, stopwatch, DiagnosticCatalog.BaseImageNotFound.Create(request.Image, ex.Message));
        }
        catch (DockerApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound && id is null)
        {
            return Failed(request, stopwatch, DiagnosticCatalog.BaseImageNotFound.Create(request.Image, ex.ResponseBody?.Trim() ?? ex.Message));
        }
        catch (DockerApiException ex)
        {
            var said = ex.ResponseBody is { Length: > 0 } body ? EngineMessage(body) : ex.Message;
            return Failed(request, stopwatch, DiagnosticCatalog.CheckContainerRefused.Create(_endpoint.Description, step, request.Image, said));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The same words as the engine probe: a refused client certificate is GD5011, not an unreachable engine.
            return Failed(request, stopwatch, explain(ex, tls));
        }
        finally
        {
            if (id is not null)
            {
                await RemoveAsync(client, id).ConfigureAwait(false);
            }
        }
    }

    private static async Task<string> CreateAsync(DockerClient client, ContainerPreflightRequest request, CancellationToken cancellationToken)
    {
        var environment = request.Environment.Select(kv => $"{kv.Key}={kv.Value}").ToList();
        if (request.CaCertificateFiles.Count > 0)
        {
            // Go adds certificates from SSL_CERT_DIR to the bundle it finds, so the image's own CAs stay trusted.
            environment.Add($"SSL_CERT_DIR={CaDirectory}");
        }
        var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = request.Image,
            Entrypoint = ["/bin/sh", "-c"],
            Cmd = [Script(request.ModulePath, request.ModuleVersion)],
            Env = environment,
            Labels = new Dictionary<string, string> { ["org.godocker.purpose"] = "verify" },
            HostConfig = new HostConfig { NetworkMode = request.NetworkMode },
        }, cancellationToken).ConfigureAwait(false);
        return created.ID;
    }

    // Copied in rather than bind-mounted: a remote engine (tcp://, ssh://, a context) has no such host path.
    private static async Task CopyCaFilesAsync(DockerClient client, string id, MemoryStream? archive, CancellationToken cancellationToken)
    {
        if (archive is null)
        {
            return;
        }
        await client.Containers.ExtractArchiveToContainerAsync(id,
            new ContainerPathStatParameters { Path = CaParent, AllowOverwriteDirWithFile = false }, archive, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A tar of the CA files as godocker/ca/N.crt, extracted under /etc: only new folders and files (world-readable, so
    /// an image whose USER is not root reads them), never an entry for /etc itself, whose owner and mode it would reset.
    /// </summary>
    internal static MemoryStream CaArchive(IReadOnlyList<string> files)
    {
        var archive = new MemoryStream();
        using (var writer = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            var folder = "";
            foreach (var part in CaFolder.Split('/'))
            {
                folder += part + "/";
                writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, folder) { Mode = Directory755, ModificationTime = DateTimeOffset.UnixEpoch });
            }
            for (var i = 0; i < files.Count; i++)
            {
                byte[] content;
                try
                {
                    content = File.ReadAllBytes(Path.GetFullPath(files[i]));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The settings reader checked the file; it went away or changed since.
                    throw new DiagnosticException(DiagnosticCatalog.InvalidCaCertificate.Create(SourceLocation.Of(files[i]), files[i], e.Message), e);
                }
                var entry = new PaxTarEntry(TarEntryType.RegularFile, $"{CaFolder}/{i.ToString(CultureInfo.InvariantCulture)}.crt")
                {
                    Mode = File644,
                    ModificationTime = DateTimeOffset.UnixEpoch,
                    DataStream = new MemoryStream(content),
                };
                writer.WriteEntry(entry);
            }
        }
        archive.Position = 0;
        return archive;
    }

    private const UnixFileMode Directory755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode File644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    // Removal must happen even when the caller cancelled, so it gets its own short deadline instead of their token.
    private static async Task RemoveAsync(DockerClient client, string id)
    {
        using var removal = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, removal.Token).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            // Already gone.
        }
    }

    /// <summary>The "message" of the engine's JSON error answer (Docker and Podman both send one), else the body.</summary>
    internal static string EngineMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString()!.Trim();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the body is the message.
        }
        return body.Trim();
    }

    /// <summary>The shell script run in the image; each section ends with its exit code after a marker line.</summary>
    internal static string Script(string modulePath, string version)
    {
        var bundles = string.Join(" ", CertificateTrust.SystemBundlePaths);
        var module = ShellQuote($"{modulePath}@{version}");
        return new StringBuilder()
            .Append($"echo '{Marker}go-version'; go version 2>&1; echo \"{Marker}exit $?\"; ")
            .Append($"echo '{Marker}go-env'; go env -json 2>&1; echo \"{Marker}exit $?\"; ")
            .Append($"echo '{Marker}ca-bundle'; for f in \"$SSL_CERT_FILE\" {bundles}; do if [ -n \"$f\" ] && [ -s \"$f\" ]; then echo \"$f\"; break; fi; done; echo \"{Marker}exit 0\"; ")
            // A module cache of its own in a fresh temp folder: the image's GOPATH may not be writable by its USER.
            .Append($"echo '{Marker}download'; cd \"$(mktemp -d)\" && GOMODCACHE=\"$PWD/mod\" go mod download -json {module} 2>&1; echo \"{Marker}exit $?\"")
            .ToString();
    }

    internal ContainerPreflightResult Interpret(ContainerPreflightRequest request, string output, TimeSpan duration)
    {
        var sections = Sections(output);
        var diagnostics = new List<Diagnostic>();

        var version = sections.TryGetValue("go-version", out var v) && v.Exit == 0 ? v.Text.Trim() : null;
        if (version is null)
        {
            diagnostics.Add(DiagnosticCatalog.BaseImageNotFound.Create(request.Image, $"it has no working go command ({(v.Text ?? "no output").Trim()})"));
        }

        var goEnv = new Dictionary<string, string>(StringComparer.Ordinal);
        if (sections.TryGetValue("go-env", out var env) && env.Exit == 0)
        {
            try
            {
                foreach (var property in JsonDocument.Parse(env.Text).RootElement.EnumerateObject())
                {
                    goEnv[property.Name] = property.Value.ToString();
                }
            }
            catch (JsonException)
            {
                // An old go without -json support: the download below still tells what fails.
            }
        }

        var bundle = sections.TryGetValue("ca-bundle", out var ca) && ca.Text.Trim().Length > 0 ? ca.Text.Trim() : null;
        var download = sections.TryGetValue("download", out var d) ? d : (Exit: -1, Text: output);
        var failed = download.Exit != 0;
        if (bundle is null)
        {
            diagnostics.Add(DiagnosticCatalog.NoCaBundleInImage.Create(request.Image,
                string.Join(", ", CertificateTrust.SystemBundlePaths.Prepend("$SSL_CERT_FILE"))));
        }

        if (failed)
        {
            var text = DownloadErrors(download.Text);
            var classified = _classifier.Classify(text);
            // Without a bundle every certificate is "unknown": the missing bundle is the cause worth naming.
            diagnostics.AddRange(bundle is null ? classified.Where(c => c.Descriptor != DiagnosticCatalog.UnknownAuthority && c.Descriptor != DiagnosticCatalog.TlsInterception) : classified);
            if (!diagnostics.Any(x => x.IsError))
            {
                diagnostics.Add(DiagnosticCatalog.UnclassifiedDownloadFailure.Create(text.Trim()));
            }
        }

        return new ContainerPreflightResult(request.Image, version, goEnv, bundle, download.Exit, download.Text, diagnostics, duration);
    }

    /// <summary>
    /// go mod download -json prints one JSON object per module with an "Error" field on failure; the classifier wants
    /// the go command's own words, so the errors are taken out of the JSON, with anything else printed kept as is.
    /// </summary>
    private static string DownloadErrors(string text)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        // go prints each object indented, opening with "{" and closing with "}" at the start of a line.
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('{') || current.Length > 0)
            {
                current.Append(line).Append('\n');
                if (!line.StartsWith('}'))
                {
                    continue;
                }
                try
                {
                    using var document = JsonDocument.Parse(current.ToString());
                    if (document.RootElement.TryGetProperty("Error", out var error))
                    {
                        lines.Add(error.GetString() ?? "");
                    }
                }
                catch (JsonException)
                {
                    lines.Add(current.ToString().TrimEnd());
                }
                current.Clear();
            }
            else if (line.Trim().Length > 0)
            {
                lines.Add(line);
            }
        }
        return lines.Count > 0 ? string.Join('\n', lines) + "\n" : text;
    }

    private static Dictionary<string, (int Exit, string Text)> Sections(string output)
    {
        var sections = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
        string? current = null;
        var text = new StringBuilder();
        foreach (var line in output.Split('\n'))
        {
            if (!line.StartsWith(Marker, StringComparison.Ordinal))
            {
                text.Append(line).Append('\n');
                continue;
            }
            var word = line[Marker.Length..].Trim();
            if (word.StartsWith("exit ", StringComparison.Ordinal) && current is not null)
            {
                sections[current] = (int.TryParse(word[5..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : -1, text.ToString());
                current = null;
            }
            else
            {
                current = word;
            }
            text.Clear();
        }
        return sections;
    }

    private ContainerPreflightResult Failed(ContainerPreflightRequest request, Stopwatch stopwatch, Diagnostic diagnostic) =>
        new(request.Image, null, new Dictionary<string, string>(), null, -1, "", [diagnostic], stopwatch.Elapsed);

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
