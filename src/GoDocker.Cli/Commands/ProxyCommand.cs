using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GoDocker.Core.Diagnostics;
using GoDocker.ProxyGateway.CommandLine;
using GoDocker.ProxyGateway.Hosting;

namespace GoDocker.Cli.Commands;

/// <summary>
/// `godocker proxy`: the caching module proxy gateway, its snapshots and warm. All logic is in
/// GoDocker.ProxyGateway, which also defines the serving options (its executable takes the same ones).
/// </summary>
internal static class ProxyCommand
{
    public static Command Create()
    {
        var serve = new GatewayServeOptions();
        var command = new Command("proxy", "Run the caching module proxy gateway: GOPROXY protocol, single-flight fetches, pinned content, snapshots.");
        serve.AddTo(command);
        command.SetAction((parse, cancellationToken) => Reported(async () =>
        {
            var options = serve.ToGatewayOptions(parse);
            if (options.RevalidateEvery is not null && options.Offline)
            {
                throw new UsageException("--revalidate-every needs --upstream: an offline gateway has no upstream to compare its cache with.");
            }

            await serve.ServeAsync(options, parse, Console.Out, cancellationToken);
            return ExitCodes.Success;
        }));

        command.Subcommands.Add(SnapshotCommand());
        command.Subcommands.Add(WarmCommand());
        command.Subcommands.Add(ProxyRevalidateCommand.Create());
        return command;
    }

    private static Command SnapshotCommand()
    {
        var command = new Command("snapshot", "Freeze, list, select, export and import snapshots of a gateway cache.");

        var cache = CacheOption();
        var name = new Option<string?>("--name") { Description = "Snapshot name (default: a UTC timestamp)." };
        var create = new Command("create", "Freeze the current set of cached module versions (no copy: content is shared).") { cache, name };
        create.SetAction((parse, ct) => Reported(async () =>
        {
            var (_, snapshots) = ProxyGatewayHost.OpenCache(new GatewayOptions { CacheDirectory = parse.GetValue(cache)! });
            var manifest = await snapshots.CreateAsync(parse.GetValue(name), ct);
            Console.Out.WriteLine($"snapshot {manifest.Name}: {manifest.ModuleVersionCount} module versions, {manifest.Files.Count} files, {manifest.TotalBytes} bytes");
            return ExitCodes.Success;
        }));

        var listCache = CacheOption();
        var format = CommonOptions.Format();
        var list = new Command("list", "List the snapshots; '*' marks the default view.") { listCache, format };
        list.SetAction((parse, ct) => Reported(() =>
        {
            var (_, snapshots) = ProxyGatewayHost.OpenCache(new GatewayOptions { CacheDirectory = parse.GetValue(listCache)! });
            var all = snapshots.List();
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(all, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            }
            else
            {
                foreach (var s in all)
                {
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{(s.IsDefaultView ? '*' : ' ')} {s.Name,-32} {s.CreatedAt:yyyy-MM-dd HH:mm:ss}Z {s.ModuleVersions,6} versions {s.TotalBytes,12} bytes"));
                }
            }

            return Task.FromResult(ExitCodes.Success);
        }));

        var useCache = CacheOption();
        var useName = new Argument<string?>("name") { Description = "The snapshot to serve by default.", Arity = ArgumentArity.ZeroOrOne };
        var live = new Option<bool>("--live") { Description = "Serve the live cache again instead of a snapshot." };
        var useCoordination = GatewayServeOptions.CoordinationOption();
        useCoordination.Description = "redis://host:port[/db] of the replicas serving this cache: announce the switch to them (they also notice the view file on their next request).";
        var use = new Command("use", "Switch the default view to a snapshot atomically (rollback), or back with --live.") { useName, useCache, live, useCoordination };
        use.SetAction((parse, ct) => Reported(async () =>
        {
            var target = parse.GetValue(live) ? null : parse.GetValue(useName);
            if (target is null && !parse.GetValue(live))
            {
                Console.Error.WriteLine("godocker: give a snapshot name, or --live.");
                return ExitCodes.Usage;
            }

            var (_, snapshots) = ProxyGatewayHost.OpenCache(new GatewayOptions { CacheDirectory = parse.GetValue(useCache)! });
            await snapshots.UseAsync(target, ct);
            if (parse.GetValue(useCoordination) is { Length: > 0 } redis)
            {
                await GoDocker.ProxyGateway.Coordination.RedisCoordination.AnnounceAsync(GoDocker.ProxyGateway.Coordination.CoordinationAddress.Parse(redis),
                    new(GoDocker.ProxyGateway.Coordination.CoordinationEventKind.SnapshotSwitched, "cli", target ?? ""), ct);
            }
            Console.Out.WriteLine(target is null ? "default view: live cache" : $"default view: snapshot {target}");
            return ExitCodes.Success;
        }));

        var exportCache = CacheOption();
        var exportName = new Argument<string>("name") { Description = "The snapshot to export." };
        var exportFile = new Argument<string>("file") { Description = "The archive to write (tar)." };
        var export = new Command("export", "Write a snapshot and its content as one archive for an air-gapped gateway.") { exportName, exportFile, exportCache };
        export.SetAction((parse, ct) => Reported(async () =>
        {
            var (_, snapshots) = ProxyGatewayHost.OpenCache(new GatewayOptions { CacheDirectory = parse.GetValue(exportCache)! });
            await snapshots.ExportAsync(parse.GetValue(exportName)!, parse.GetValue(exportFile)!, ct);
            Console.Out.WriteLine($"exported {parse.GetValue(exportName)} to {parse.GetValue(exportFile)}");
            return ExitCodes.Success;
        }));

        var importCache = CacheOption();
        var importFile = new Argument<string>("file") { Description = "An archive written by 'snapshot export'." };
        var import = new Command("import", "Import a snapshot archive, verifying every file against its recorded hashes.") { importFile, importCache };
        import.SetAction((parse, ct) => Reported(async () =>
        {
            var (_, snapshots) = ProxyGatewayHost.OpenCache(new GatewayOptions { CacheDirectory = parse.GetValue(importCache)! });
            var manifest = await snapshots.ImportAsync(parse.GetValue(importFile)!, ct);
            Console.Out.WriteLine($"imported snapshot {manifest.Name}: {manifest.ModuleVersionCount} module versions, {manifest.Files.Count} files verified");
            return ExitCodes.Success;
        }));

        command.Subcommands.Add(create);
        command.Subcommands.Add(list);
        command.Subcommands.Add(use);
        command.Subcommands.Add(export);
        command.Subcommands.Add(import);
        return command;
    }

    private static Command WarmCommand()
    {
        var from = new Option<string>("--from") { Description = "A go.sum or go.mod naming the module versions to fetch.", Required = true };
        var cache = CacheOption();
        var upstreams = new GatewayUpstreamOptions();
        var command = new Command("warm", "Fetch every module version a project needs into the cache ahead of time.") { from, cache };
        upstreams.AddTo(command);
        command.SetAction((parse, ct) => Reported(async () =>
        {
            var options = upstreams.ApplyTo(new GatewayOptions { CacheDirectory = parse.GetValue(cache)! }, parse);
            var result = await ProxyGatewayHost.WarmAsync(options, parse.GetValue(from)!, ct);
            Console.Out.WriteLine($"warm: {result.Fetched} files fetched, {result.AlreadyCached} already cached, {result.Failures.Count} failed");
            foreach (var failure in result.Failures)
            {
                Console.Error.WriteLine($"  {failure}");
            }

            return result.Succeeded ? ExitCodes.Success : ExitCodes.Errors;
        }));
        return command;
    }

    /// <summary>Prints a diagnostic failure as the other commands do (exit 1) instead of a stack trace.</summary>
    internal static async Task<int> Reported(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (DiagnosticException e)
        {
            return DiagnosticPrinter.Print([e.Diagnostic], OutputFormat.Text, Console.Error);
        }
    }

    internal static Option<string> CacheOption() => GatewayServeOptions.CacheOption();
}
