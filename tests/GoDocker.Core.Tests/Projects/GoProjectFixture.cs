using System.Collections.Immutable;
using System.Security;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Tests.Projects;

/// <summary>
/// A throw-away Go project on disk: a .goproj with the given properties (so diagnostics get real lines), a go.mod,
/// and any other files, read through the same path the SDK uses.
/// </summary>
public sealed class GoProjectFixture : IDisposable
{
    public const string TestGeneratorVersion = "0.0.0-test";

    private readonly SortedDictionary<string, string> _properties = new(StringComparer.Ordinal);
    private readonly List<string> _caCertificates = [];
    private readonly List<GoBuildSecret> _secrets = [];
    private readonly List<(string Name, string Value)> _variables = [];
    private readonly List<(string Name, string Value)> _labels = [];

    public GoProjectFixture(string projectFolder = ".")
    {
        Root = Path.Combine(Path.GetTempPath(), "godocker-df-" + Guid.NewGuid().ToString("N")[..12]);
        ProjectDirectory = Path.GetFullPath(Path.Combine(Root, projectFolder));
        Directory.CreateDirectory(ProjectDirectory);
        ProjectPath = Path.Combine(ProjectDirectory, "app.goproj");
        WriteFile("go.mod", "module example.com/app\n\ngo 1.22\n");
        WriteFile("go.sum", "");
    }

    public string Root { get; }
    public string ProjectDirectory { get; }
    public string ProjectPath { get; }

    /// <summary>A folder beside the project, outside its context, for files such as secrets.</summary>
    public string Outside
    {
        get
        {
            var path = Root + "-outside";
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public GoProjectFixture Set(string property, string value)
    {
        _properties[property] = value;
        return this;
    }

    public GoProjectFixture WriteFile(string relativePath, string text)
    {
        var path = Path.Combine(ProjectDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public GoProjectFixture DeleteFile(string relativePath)
    {
        File.Delete(Path.Combine(ProjectDirectory, relativePath));
        return this;
    }

    public GoProjectFixture AddCaCertificate(string include)
    {
        _caCertificates.Add(include);
        return this;
    }

    public GoProjectFixture AddSecret(GoBuildSecret secret)
    {
        _secrets.Add(secret);
        return this;
    }

    public GoProjectFixture AddVariable(string name, string value)
    {
        _variables.Add((name, value));
        return this;
    }

    public GoProjectFixture AddImageLabel(string name, string value)
    {
        _labels.Add((name, value));
        return this;
    }

    public (GoProjectSettings Settings, ImmutableArray<Diagnostic> Diagnostics) Read()
    {
        WriteProjectFile();
        // A machine's GOPROXY or go env -w file must not change what the tests generate.
        return GoProjectSettingsReader.Read(ProjectPath, _properties, _caCertificates, _secrets, ProjectFilePositions.Read(ProjectPath),
            new GoDocker.Core.Tests.Infrastructure.DictionaryEnvironmentSource(new Dictionary<string, string>()), GoDocker.Core.Tests.Infrastructure.InMemoryTextFileSource.Empty,
            [.. _variables.Select(v => new ProjectItem(v.Name, m => m == "Value" ? v.Value : null))],
            [.. _labels.Select(v => new ProjectItem(v.Name, m => m == "Value" ? v.Value : null))]);
    }

    /// <summary>Reads, plans and writes; fails the test on any error diagnostic.</summary>
    public (string Dockerfile, string Dockerignore, DockerfileInputs Inputs) Generate()
    {
        var (settings, diagnostics) = Read();
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        var (inputs, planDiagnostics) = DockerfilePlanner.PlanAsync(settings, TestContext.Current.CancellationToken, TestGeneratorVersion).GetAwaiter().GetResult();
        Assert.DoesNotContain(planDiagnostics, d => d.IsError);
        Assert.NotNull(inputs);
        return (DockerfileWriter.Write(inputs), DockerignoreWriter.Write(inputs, DockerignoreWriter.SecretFilesInContext(settings)), inputs);
    }

    public ImmutableArray<Diagnostic> PlanDiagnostics()
    {
        var (settings, diagnostics) = Read();
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        var (_, planDiagnostics) = DockerfilePlanner.PlanAsync(settings, TestContext.Current.CancellationToken, TestGeneratorVersion).GetAwaiter().GetResult();
        return planDiagnostics;
    }

    /// <summary>The 1-based line of the property's element in the written .goproj.</summary>
    public int LineOf(string property)
    {
        var lines = File.ReadAllLines(ProjectPath);
        return Array.FindIndex(lines, l => l.TrimStart().StartsWith("<" + property + ">", StringComparison.Ordinal) || l.TrimStart().StartsWith("<" + property + " ", StringComparison.Ordinal)) + 1;
    }

    /// <summary>The 1-based line of the first item of that type with that Include.</summary>
    public int LineOfItem(string itemType, string include)
    {
        var lines = File.ReadAllLines(ProjectPath);
        return Array.FindIndex(lines, l => l.TrimStart().StartsWith($"<{itemType} Include=\"{XmlText(include)}\"", StringComparison.Ordinal)) + 1;
    }

    private void WriteProjectFile()
    {
        var lines = new List<string> { "<Project Sdk=\"GoDocker.Sdk/1.0.0\">", "  <PropertyGroup>" };
        foreach (var (name, value) in _properties)
        {
            lines.Add($"    <{name}>{XmlText(value)}</{name}>");
        }
        lines.Add("  </PropertyGroup>");
        lines.Add("  <ItemGroup>");
        foreach (var ca in _caCertificates)
        {
            lines.Add($"    <GoCaCertificate Include=\"{XmlText(ca)}\" />");
        }
        foreach (var secret in _secrets)
        {
            lines.Add($"    <GoBuildSecret Include=\"{XmlText(secret.Id)}\" />");
        }
        foreach (var (name, value) in _variables)
        {
            lines.Add($"    <GoEnvironmentVariable Include=\"{XmlText(name)}\" Value=\"{XmlText(value)}\" />");
        }
        foreach (var (name, value) in _labels)
        {
            lines.Add($"    <GoImageLabel Include=\"{XmlText(name)}\" Value=\"{XmlText(value)}\" />");
        }
        lines.Add("  </ItemGroup>");
        lines.Add("</Project>");
        File.WriteAllText(ProjectPath, string.Join("\n", lines) + "\n");
    }

    // Characters XML 1.0 cannot hold (NUL, most controls) are written as '?': MSBuild could not read them either,
    // and the value under test reaches the reader directly.
    private static string XmlText(string value) =>
        SecurityElement.Escape(new string(value.Select(c => c is '\t' or '\n' or '\r' || c >= ' ' ? c : '?').ToArray()))!
            .Replace("\n", "&#10;").Replace("\r", "&#13;");

    public void Dispose()
    {
        foreach (var path in new[] { Root, Root + "-outside" })
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
            }
            catch (IOException)
            {
            }
        }
    }
}
