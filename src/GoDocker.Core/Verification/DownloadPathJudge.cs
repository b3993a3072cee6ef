using GoDocker.Core.GoEnv;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>
/// Walks the GOPROXY entries in order with the go command's rules: under ',' only 404/410 fall through, under '|'
/// any error does; an entry that answers 200 ends the walk. Then the checksum database must answer too.
/// </summary>
public static class DownloadPathJudge
{
    public static (DownloadVerdict Verdict, IReadOnlyList<Diagnostic> Diagnostics) Judge(IReadOnlyList<EndpointReport> path, IReadOnlyList<EndpointReport> checksumDbs)
    {
        var steps = new List<string>();
        var diagnostics = new List<Diagnostic>();
        var canDownload = false;
        var exhausted = path.Count == 0;

        for (var i = 0; i < path.Count; i++)
        {
            var entry = path[i];
            // Notes (such as trusted interception) matter whatever the outcome.
            diagnostics.AddRange(entry.Diagnostics.Where(d => !d.IsError));
            if (entry.Status == EndpointStatus.Ok)
            {
                steps.Add($"{entry.Target} {entry.Summary}");
                canDownload = true;
                break;
            }

            var what = $"{entry.Target} {entry.Summary}";
            var next = i + 1 < path.Count ? path[i + 1].Target.Label : null;
            var fallsThrough = next is not null &&
                (entry.Target.Fallback == GoProxyFallback.OnAnyError || (entry.Target.Fallback == GoProxyFallback.OnNotFound && entry.Status == EndpointStatus.NotFound));
            if (fallsThrough)
            {
                var separator = entry.Target.Fallback == GoProxyFallback.OnAnyError ? "|" : ",";
                var step = $"{what}; falls through to {next} on `{separator}`";
                steps.Add(step);
                diagnostics.Add(DiagnosticCatalog.ProxyFallsThrough.Create(step));
                // Kept as errors only if nothing after it works; see below.
                continue;
            }

            diagnostics.AddRange(entry.Diagnostics.Where(d => d.IsError));
            if (next is null)
            {
                steps.Add($"{what}; no GOPROXY entry left");
                exhausted = true;
            }
            else
            {
                steps.Add($"{what} under `,`; the go command stops here");
            }
            break;
        }

        if (!canDownload)
        {
            // Every entry that was tried failed, so its failure is part of the story, except a 404/410 that the go
            // command fell through on: the GD3010 note says so, and an error there would blame the wrong endpoint.
            var tried = path.Take(steps.Count).ToList();
            var blamed = tried.Where((e, index) => index == tried.Count - 1 || e.Status != EndpointStatus.NotFound);
            foreach (var error in blamed.SelectMany(e => e.Diagnostics).Where(d => d.IsError))
            {
                if (!diagnostics.Contains(error))
                {
                    diagnostics.Add(error);
                }
            }
            if (path.Count == 0)
            {
                steps.Add("GOPROXY lists no endpoint to download from");
            }
        }

        foreach (var database in checksumDbs)
        {
            diagnostics.AddRange(database.Diagnostics.Where(d => !d.IsError));
            if (database.Status == EndpointStatus.Ok)
            {
                steps.Add($"{database.Target.Label}: {database.Summary}");
                continue;
            }
            steps.Add($"{database.Target.Label}: {database.Summary}; the go command cannot verify the download");
            diagnostics.AddRange(database.Diagnostics.Where(d => d.IsError));
            canDownload = false;
        }

        var verdict = new DownloadVerdict(canDownload, steps);
        if (exhausted)
        {
            diagnostics.Add(DiagnosticCatalog.NoWorkingProxyPath.Create(verdict.Summary));
        }
        return (verdict, diagnostics);
    }
}
