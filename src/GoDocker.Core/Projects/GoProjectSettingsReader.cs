using System.Collections.Immutable;
using System.Globalization;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Projects;

/// <summary>
/// Builds <see cref="GoProjectSettings"/> from raw property and item values (as MSBuild evaluated them) and reports
/// every value that cannot work as a GD1xxx/GD7xxx diagnostic at the line that sets it.
/// </summary>
public static class GoProjectSettingsReader
{
    public static (GoProjectSettings Settings, ImmutableArray<Diagnostic> Diagnostics) Read(
        string projectPath,
        IReadOnlyDictionary<string, string> properties,
        IReadOnlyList<string> caCertificates,
        IReadOnlyList<GoBuildSecret> buildSecrets,
        ProjectFilePositions? positions = null)
    {
        positions ??= ProjectFilePositions.None(projectPath);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(projectPath))!;

        string Get(string name) => properties.TryGetValue(name, out var v) ? v.Trim() : "";
        string PathOf(string value, string fallback) =>
            Path.GetFullPath(Path.Combine(projectDirectory, value.Length == 0 ? fallback : value));

        foreach (var (name, value) in properties)
        {
            if (value.IndexOfAny(['\r', '\n', '\0']) >= 0)
            {
                diagnostics.Add(DiagnosticCatalog.InvalidPropertyValue.Create(positions.Property(name), name, Escape(value), "it contains a line break or NUL, which would break the Dockerfile"));
            }
        }

        var environment = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (property, variable) in ProjectPropertyNames.GoEnvironmentProperties)
        {
            var value = Get(property);
            if (value.Length > 0)
            {
                environment[variable] = value;
            }
        }

        var download = GoDownloadMode.Auto;
        var downloadText = Get(ProjectPropertyNames.GoDownload);
        if (downloadText.Length > 0 && !Enum.TryParse(downloadText, ignoreCase: true, out download))
        {
            diagnostics.Add(DiagnosticCatalog.InvalidGoDownloadMode.Create(positions.Property(ProjectPropertyNames.GoDownload), downloadText));
            download = GoDownloadMode.Auto;
        }

        var verify = true;
        var verifyText = Get(ProjectPropertyNames.GoVerify);
        if (verifyText.Length > 0 && !bool.TryParse(verifyText, out verify))
        {
            diagnostics.Add(DiagnosticCatalog.InvalidPropertyValue.Create(positions.Property(ProjectPropertyNames.GoVerify), ProjectPropertyNames.GoVerify, verifyText, "use true or false"));
            verify = true;
        }

        var timeout = TimeSpan.FromSeconds(5);
        var timeoutText = Get(ProjectPropertyNames.GoVerifyTimeout);
        if (timeoutText.Length > 0)
        {
            if (double.TryParse(timeoutText, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 3600)
            {
                timeout = TimeSpan.FromSeconds(seconds);
            }
            else
            {
                diagnostics.Add(DiagnosticCatalog.InvalidTimeout.Create(positions.Property(ProjectPropertyNames.GoVerifyTimeout), ProjectPropertyNames.GoVerifyTimeout, timeoutText));
            }
        }

        var cgo = false;
        var cgoText = Get(ProjectPropertyNames.GoCgoEnabled);
        if (cgoText.Length > 0 && !TryParseBool(cgoText, out cgo))
        {
            diagnostics.Add(DiagnosticCatalog.InvalidPropertyValue.Create(positions.Property(ProjectPropertyNames.GoCgoEnabled), ProjectPropertyNames.GoCgoEnabled, cgoText, "use true or false"));
        }

        var settings = new GoProjectSettings
        {
            ProjectPath = Path.GetFullPath(projectPath),
            ProjectDirectory = projectDirectory,
            GoModFile = PathOf(Get(ProjectPropertyNames.GoModFile), "go.mod"),
            DockerContext = PathOf(Get(ProjectPropertyNames.GoDockerContext), "."),
            GoEnvironment = environment.ToImmutable(),
            BaseImage = Or(Get(ProjectPropertyNames.GoBaseImage), "golang:1.22-bookworm"),
            RuntimeImage = Or(Get(ProjectPropertyNames.GoRuntimeImage), "gcr.io/distroless/static-debian12:nonroot"),
            MainPackage = Or(Get(ProjectPropertyNames.GoMainPackage), "."),
            DockerfileSyntax = Get(ProjectPropertyNames.GoDockerfileSyntax),
            DockerNetwork = Get(ProjectPropertyNames.GoDockerNetwork),
            BuildFlags = Get(ProjectPropertyNames.GoBuildFlags),
            Ldflags = Get(ProjectPropertyNames.GoLdflags),
            CgoEnabled = cgo,
            Platforms = Get(ProjectPropertyNames.GoPlatforms),
            Download = download,
            Verify = verify,
            VerifyTimeout = timeout,
            CaCertificates = caCertificates.Select(c => PathOf(c, c)).ToImmutableArray(),
            BuildSecrets = buildSecrets.ToImmutableArray(),
            Positions = positions,
        };

        if (!File.Exists(settings.GoModFile))
        {
            diagnostics.Add(DiagnosticCatalog.GoModNotFound.Create(positions.Property(ProjectPropertyNames.GoModFile), settings.GoModFile));
        }

        return (settings, diagnostics.ToImmutable());
    }

    private static string Or(string value, string fallback) => value.Length == 0 ? fallback : value;

    private static bool TryParseBool(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "on": value = true; return true;
            case "false" or "0" or "no" or "off": value = false; return true;
            default: value = false; return false;
        }
    }

    private static string Escape(string value) => value.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\0", "\\0");
}
