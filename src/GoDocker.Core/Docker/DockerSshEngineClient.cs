using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Docker;

/// <summary>
/// Asks an engine at an ssh:// address for its version the way the docker CLI reaches it: the engine API over
/// <c>ssh -l USER -p PORT -- HOST docker system dial-stdio</c> (cli/connhelper), with BatchMode so that a missing key or
/// host key fails at once instead of prompting. ssh's own words say why it failed (GD5012).
/// </summary>
public sealed class DockerSshEngineClient(DockerEndpoint endpoint)
{
    /// <summary>The ssh command line, for running and for the diagnostic.</summary>
    public IReadOnlyList<string> Arguments(TimeSpan timeout)
    {
        var uri = endpoint.Uri;
        var args = new List<string> { "-o", "BatchMode=yes", "-o", $"ConnectTimeout={Math.Max(1, (int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)}", "-T" };
        if (uri.UserInfo.Length > 0)
        {
            args.AddRange(["-l", Uri.UnescapeDataString(uri.UserInfo)]);
        }
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            args.AddRange(["-p", uri.Port.ToString(CultureInfo.InvariantCulture)]);
        }
        args.AddRange(["--", uri.Host, "docker", "system", "dial-stdio"]);
        return args;
    }

    /// <summary>user@host -p port, as the user would type it to try the connection.</summary>
    public string Target =>
        (endpoint.Uri.UserInfo.Length > 0 ? Uri.UnescapeDataString(endpoint.Uri.UserInfo) + "@" : "") + endpoint.Uri.Host
        + (!endpoint.Uri.IsDefaultPort && endpoint.Uri.Port > 0 ? " -p " + endpoint.Uri.Port.ToString(CultureInfo.InvariantCulture) : "");

    public async Task<DockerEngineStatus> CheckAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stderr = new StringBuilder();
        Process? started = null;
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, _) =>
            {
                started = StartDialStdio(timeout, stderr);
                return ValueTask.FromResult<Stream>(new ProcessDuplexStream(started));
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://docker/"), Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using (var ping = await http.GetAsync("_ping", deadline.Token).ConfigureAwait(false))
            {
                ping.EnsureSuccessStatusCode();
            }
            using var version = await http.GetAsync("version", deadline.Token).ConfigureAwait(false);
            version.EnsureSuccessStatusCode();
            using var document = JsonDocument.Parse(await version.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false));
            string Field(string name) => document.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
            var status = new DockerEngineStatus(Field("Version"), Field("ApiVersion"), Field("Os"), Field("Arch"));
            if (!status.SupportsBuildKit)
            {
                throw new DiagnosticException(DiagnosticCatalog.DockerApiTooOld.Create(status.ApiVersion, DockerEngineStatus.MinimumBuildKitApi));
            }
            return status;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DiagnosticException(Failed(started, stderr, $"no answer within {timeout.TotalSeconds:0.#} s"));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException or System.ComponentModel.Win32Exception)
        {
            var inner = e;
            while (inner.InnerException is not null)
            {
                inner = inner.InnerException;
            }
            throw new DiagnosticException(Failed(started, stderr, inner.Message), e);
        }
    }

    /// <summary>One <c>ssh … docker system dial-stdio</c>: its stdin and stdout are a connection to the engine API.</summary>
    internal Process StartDialStdio(TimeSpan timeout, StringBuilder stderr)
    {
        var start = new ProcessStartInfo("ssh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in Arguments(timeout))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new IOException("ssh did not start");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                lock (stderr)
                {
                    stderr.AppendLine(line.Trim());
                }
            }
        };
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>GD5012 with ssh's last words (waiting a moment for them), else the HTTP client's.</summary>
    internal Diagnostic Failed(Process? process, StringBuilder stderr, string fallback)
    {
        try
        {
            process?.WaitForExit(TimeSpan.FromSeconds(2));
        }
        catch (InvalidOperationException)
        {
            // Disposed with its connection.
        }
        string said;
        lock (stderr)
        {
            said = string.Join("; ", stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
        }
        return DiagnosticCatalog.DockerEngineSshFailed.Create(endpoint.Description, said.Length > 0 ? said : fallback, Target, endpoint.Origin);
    }
}
