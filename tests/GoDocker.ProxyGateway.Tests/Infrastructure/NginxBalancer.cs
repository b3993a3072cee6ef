using System.Diagnostics;

namespace GoDocker.ProxyGateway.Tests.Infrastructure;

/// <summary>Debian's nginx on 127.0.0.1 (a free port) balancing round robin over gateway replicas, as in production.</summary>
public sealed class NginxBalancer : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";

    private readonly Process _process;

    private NginxBalancer(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<NginxBalancer> StartAsync(string folder, IEnumerable<Uri> replicas)
    {
        if (!File.Exists(Binary))
        {
            if (Environment.GetEnvironmentVariable("GODOCKER_REQUIRE_DOCKER") == "1")
            {
                Assert.Fail($"{Binary} is required (GODOCKER_REQUIRE_DOCKER=1) but missing; build/docker-setup.sh installs nginx-light");
            }

            Assert.Skip($"{Binary} is not installed; build/docker-setup.sh installs nginx-light");
        }

        Directory.CreateDirectory(Path.Combine(folder, "logs"));
        var port = RedisServer.FreePort();
        var servers = string.Concat(replicas.Select(r => $"    server {r.Host}:{r.Port};\n"));
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/logs/error.log warn;
            events { worker_connections 1024; }
            http {
              access_log off;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              upstream replicas {
            {{servers}}    keepalive 16;
              }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://replicas;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_buffering off;
                  proxy_next_upstream error timeout http_502 http_503;
                  proxy_next_upstream_tries 3;
                  proxy_connect_timeout 2s;
                  proxy_read_timeout 120s;
                }
              }
            }
            """);
        var process = Process.Start(new ProcessStartInfo(Binary) { ArgumentList = { "-p", folder, "-c", Path.Combine(folder, "nginx.conf") }, RedirectStandardError = true, RedirectStandardOutput = true })!;
        var address = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var deadline = DateTime.UtcNow.AddSeconds(10); ; await Task.Delay(50))
        {
            try
            {
                (await http.GetAsync(new Uri(address, "/healthz"))).EnsureSuccessStatusCode();
                return new NginxBalancer(process, address);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
