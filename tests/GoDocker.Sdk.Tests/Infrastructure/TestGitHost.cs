using System.Collections.Concurrent;
using System.Net;
using System.Text;
using CliWrap;

namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>
/// A private Git host over plain HTTP on its own loopback address (put TLS in front of it): bare repositories of test modules, the
/// go-import meta tag the go command asks for with <c>?go-get=1</c>, and Git's smart HTTP protocol through the real
/// <c>git http-backend</c>. Git requests need basic-auth credentials when <see cref="RequiredCredentials"/> is set,
/// as a GitLab or Gitea instance wants a token while answering the meta tag to anyone.
/// </summary>
public sealed class TestGitHost : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<GitRequest> _requests = new();
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("godocker-git-");
    private readonly Task _loop;

    /// <param name="hostName">The loopback address it listens on, also the host part of the module paths served here
    /// (HttpListener matches the Host header, so the two agree).</param>
    public TestGitHost(string hostName)
    {
        HostName = hostName;
        Port = TestModuleProxy.FreePort();
        _listener.Prefixes.Add($"http://{hostName}:{Port}/");
        _listener.Start();
        _loop = Task.Run(() => HttpListenerLoop.ServeAsync(_listener, AnswerAsync));
    }

    public string HostName { get; }
    public int Port { get; }

    /// <summary>Where the bare repositories live: an SSH server can serve the same ones.</summary>
    public string RepositoriesRoot => Path.Combine(_root.FullName, "repositories");

    public (string User, string Password)? RequiredCredentials { get; set; }
    public IReadOnlyList<GitRequest> Requests => _requests.ToArray();

    /// <summary>The repository path (under the root, without ".git") a module path maps to.</summary>
    public string RepositoryPath(TestGoModule module) => module.Path[(HostName.Length + 1)..];

    /// <summary>Commits the module's files and tags its version, then publishes a bare clone.</summary>
    public async Task AddAsync(TestGoModule module)
    {
        var work = Path.Combine(_root.FullName, "work", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        foreach (var (name, content) in module.Files)
        {
            File.WriteAllText(Path.Combine(work, name), content);
        }
        await GitAsync(work, "init", "-q", "-b", "main");
        await GitAsync(work, "add", "-A");
        await GitAsync(work, "-c", "user.name=GoDocker Tests", "-c", "user.email=tests@godocker.invalid", "commit", "-q", "-m", "release " + module.Version);
        await GitAsync(work, "tag", module.Version);
        var bare = Path.Combine(RepositoriesRoot, RepositoryPath(module) + ".git");
        Directory.CreateDirectory(Path.GetDirectoryName(bare)!);
        await GitAsync(work, "clone", "-q", "--bare", work, bare);
    }

    private static async Task GitAsync(string directory, params string[] args)
    {
        var run = await CommandRun.ExecuteAsync("git", args, directory, new Dictionary<string, string?>
        {
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        });
        Assert.True(run.ExitCode == 0, $"git {string.Join(' ', args)}: {run}");
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var response = context.Response;
            var request = context.Request;
            var path = request.Url!.AbsolutePath;
            var query = request.Url.Query.TrimStart('?');
            if (query == "go-get=1")
            {
                _requests.Enqueue(new GitRequest(request.HttpMethod, path, query, Authorized: false));
                await GoImportAsync(response, path);
                return;
            }
            var authorized = RequiredCredentials is { } credentials && request.Headers["Authorization"] ==
                "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.User}:{credentials.Password}"));
            _requests.Enqueue(new GitRequest(request.HttpMethod, path, query, authorized));
            if (RequiredCredentials is not null && !authorized)
            {
                response.StatusCode = 401;
                response.AddHeader("WWW-Authenticate", "Basic realm=\"git\"");
                return;
            }
            await HttpBackendAsync(request, response, path, query);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // The client went away; nothing to answer.
        }
    }

    private async Task GoImportAsync(HttpListenerResponse response, string path)
    {
        var repository = path.Trim('/');
        if (!Directory.Exists(Path.Combine(RepositoriesRoot, repository + ".git")))
        {
            response.StatusCode = 404;
            return;
        }
        var importPrefix = $"{HostName}/{repository}";
        var html = $"<!DOCTYPE html>\n<html><head><meta name=\"go-import\" content=\"{importPrefix} git https://{importPrefix}.git\"></head><body></body></html>\n";
        var body = Encoding.UTF8.GetBytes(html);
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
    }

    /// <summary>Runs `git http-backend` as the CGI program it is, with the request's body on stdin.</summary>
    private async Task HttpBackendAsync(HttpListenerRequest request, HttpListenerResponse response, string path, string query)
    {
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        var environment = new Dictionary<string, string?>
        {
            ["GIT_PROJECT_ROOT"] = RepositoriesRoot,
            ["GIT_HTTP_EXPORT_ALL"] = "1",
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_CONFIG_GLOBAL"] = "/dev/null",
            ["PATH_INFO"] = path,
            ["QUERY_STRING"] = query,
            ["REQUEST_METHOD"] = request.HttpMethod,
            ["CONTENT_TYPE"] = request.ContentType ?? "",
            ["CONTENT_LENGTH"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HTTP_CONTENT_ENCODING"] = request.Headers["Content-Encoding"] ?? "",
            ["GIT_PROTOCOL"] = request.Headers["Git-Protocol"] ?? "",
            ["REMOTE_USER"] = RequiredCredentials?.User ?? "",
            ["REMOTE_ADDR"] = "127.0.0.1",
        };
        using var output = new MemoryStream();
        var error = new StringBuilder();
        await Cli.Wrap("git").WithArguments(["http-backend"]).WithEnvironmentVariables(environment)
            .WithStandardInputPipe(PipeSource.FromBytes(body.ToArray()))
            .WithStandardOutputPipe(PipeTarget.ToStream(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(error))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync();
        var bytes = output.ToArray();
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        var separator = 4;
        if (end < 0)
        {
            end = bytes.AsSpan().IndexOf("\n\n"u8);
            separator = 2;
        }
        if (end < 0)
        {
            response.StatusCode = 500;
            await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes("git http-backend: " + error));
            return;
        }
        response.StatusCode = 200;
        foreach (var line in Encoding.ASCII.GetString(bytes, 0, end).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                response.StatusCode = int.Parse(value[..3], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                response.ContentType = value;
            }
            else if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                response.AddHeader(name, value);
            }
        }
        var content = bytes.AsMemory(end + separator);
        response.ContentLength64 = content.Length;
        await response.OutputStream.WriteAsync(content);
    }

    public async ValueTask DisposeAsync()
    {
        // Close alone: after Stop, Close unregisters the prefixes a second time, which on Linux binds the port again
        // and throws "Address already in use" once another test has taken that port.
        _listener.Close();
        await _loop.ConfigureAwait(false);
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A git process may still hold a file for a moment; temp leftovers are harmless.
        }
    }
}

/// <summary>One request the Git host answered: whether it carried the required credentials.</summary>
public sealed record GitRequest(string Method, string Path, string Query, bool Authorized)
{
    public override string ToString() => $"{Method} {Path}?{Query} authorized={Authorized}";
}
