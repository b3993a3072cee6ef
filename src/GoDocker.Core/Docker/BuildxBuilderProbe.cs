using System.Diagnostics;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Docker;

/// <summary>
/// Asks the docker CLI which builder a build will run on (<c>docker buildx inspect [GoDockerBuilder]</c>) and fails
/// before the build when that builder cannot work: GoDockerBuilder without buildx, a builder that does not exist, or
/// a builder whose network cannot reach a module proxy or build gateway on the host's loopback.
/// </summary>
public sealed class BuildxBuilderProbe
{
    /// <summary>buildx gives up on an unreachable builder after 20 s itself; this bounds a hung plugin.</summary>
    public static readonly TimeSpan InspectTimeout = TimeSpan.FromSeconds(25);

    /// <summary>
    /// The diagnostic that stops the build, or null. Starts no process when nothing depends on the builder (no
    /// GoDockerBuilder, no loopback GoProxy), so the common build pays nothing for it.
    /// </summary>
    public async Task<Diagnostic?> CheckAsync(DockerCli cli, GoProjectSettings settings, Action<string>? detail, CancellationToken cancellationToken)
    {
        var loopback = LoopbackProxy(settings);
        // Podman has no builders: Buildah runs in the podman process, on the network the build names.
        if (cli.IsPodman || (settings.DockerBuilder.Length == 0 && loopback is null))
        {
            return null;
        }
        var (builder, problem) = await InspectAsync(cli, settings, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }
        if (builder is null)
        {
            return null;
        }
        detail?.Invoke($"Builder: {builder}");
        return loopback is not null && !builder.SharesHostLoopback
            ? DiagnosticCatalog.BuilderCannotReachHostLoopback.Create(
                settings.GoEnvLocation("GOPROXY") ?? settings.Positions.Property(ProjectSettingCatalog.GoProxy.Name),
                ProjectSettingCatalog.GoProxy.Name, loopback, builder)
            : null;
    }

    /// <summary>
    /// The builder a build of this project runs on: the built-in one when the CLI has no buildx, else what
    /// <c>docker buildx inspect</c> prints. Null with no problem when buildx answers nothing readable.
    /// </summary>
    public async Task<(BuildxBuilderInfo? Builder, Diagnostic? Problem)> InspectAsync(DockerCli cli, GoProjectSettings settings, CancellationToken cancellationToken)
    {
        var name = settings.DockerBuilder;
        var at = settings.Positions.Property(ProjectSettingCatalog.GoDockerBuilder.Name);
        if (!cli.UsesBuildx)
        {
            return name.Length == 0 ? (BuildxBuilderInfo.BuiltIn, null) : (null, DiagnosticCatalog.BuilderNeedsBuildx.Create(at, name, cli.Path));
        }
        var (exitCode, output, error) = await RunAsync(cli, name, cancellationToken).ConfigureAwait(false);
        var info = exitCode == 0 ? BuildxBuilderInfo.Parse(output) : null;
        if (info is not null)
        {
            return (info, null);
        }
        if (name.Length == 0)
        {
            return (null, null);
        }
        var why = FirstLine(error) ?? FirstLine(output) ?? $"exit code {exitCode}";
        return (null, DiagnosticCatalog.BuilderNotFound.Create(at, name, why));
    }

    /// <summary>The first GOPROXY entry on the host's loopback (the build gateway listens on one), or null.</summary>
    public static string? LoopbackProxy(GoProjectSettings settings) =>
        settings.Environment.Proxy.Entries
            .Where(e => e.IsProxy && Uri.TryCreate(e.Url, UriKind.Absolute, out var url) && url.IsLoopback)
            .Select(e => e.Redacted)
            .FirstOrDefault();

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(DockerCli cli, string name, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(cli.Path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("buildx");
        start.ArgumentList.Add("inspect");
        if (name.Length > 0)
        {
            start.ArgumentList.Add(name);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InspectTimeout);
        try
        {
            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                return (-1, "", $"no answer within {InspectTimeout.TotalSeconds:0} s");
            }
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return (-1, "", e.Message);
        }
    }

    private static string? FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}
