using System.Security;
using System.Text;
using GoDocker.Sdk.Tests.Infrastructure;
using Microsoft.Build.Definition;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;

namespace GoDocker.Sdk.Targets.Tests.Infrastructure;

/// <summary>
/// A .goproj in a temporary folder that imports Sdk.props and Sdk.targets of this checkout around its body, as an
/// SDK resolver does for <c>&lt;Project Sdk="GoDocker.Sdk"&gt;</c>; with files beside it (Directory.Build.props,
/// go.mod, imported files). The folder has a nuget.config with no package source, so restore reaches no network.
/// </summary>
public sealed class GoProjectCreator : IDisposable
{
    /// <summary>The SDK's own folder, where an SDK resolver would find Sdk.props and Sdk.targets.</summary>
    public static string SdkFolder { get; } = RepositoryPaths.Path("src", "GoDocker.Sdk", "Sdk");

    // One cache of parsed SDK files for all evaluations; every project lives in its own folder, so none goes stale.
    private static readonly ProjectCollection Evaluations = new();

    private readonly TestFolder _folder = new("godocker-targets-");
    private readonly StringBuilder _properties = new();
    private readonly StringBuilder _body = new();

    public GoProjectCreator(string name = "app")
    {
        ProjectPath = _folder.Path(name + ".goproj");
        _folder.Write("nuget.config", """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
              </packageSources>
            </configuration>
            """);
    }

    public string ProjectPath { get; }

    public string Directory => System.IO.Path.GetDirectoryName(ProjectPath)!;

    public string Path(params string[] parts) => System.IO.Path.Combine([Directory, .. parts]);

    /// <summary>A property in the project body, between the SDK's props and targets; an empty value writes an empty element.</summary>
    public GoProjectCreator Property(string name, string value)
    {
        _properties.Append($"    <{name}>{SecurityElement.Escape(value)}</{name}>\n");
        return this;
    }

    /// <summary>Raw XML in the project body after its properties: items, targets, more property groups.</summary>
    public GoProjectCreator Body(string xml)
    {
        _body.Append(xml).Append('\n');
        return this;
    }

    /// <summary>Writes an MSBuild file beside the project, e.g. Directory.Build.props or a file a Custom* property imports.</summary>
    public string ImportedFile(string name, string innerXml) => _folder.Write(name, $"<Project>\n{innerXml}\n</Project>\n");

    /// <summary>A property group for <see cref="ImportedFile"/> or <see cref="Body"/>.</summary>
    public static string PropertyGroup(params (string Name, string Value)[] properties) =>
        "  <PropertyGroup>\n" + string.Concat(properties.Select(p => $"    <{p.Name}>{SecurityElement.Escape(p.Value)}</{p.Name}>\n")) + "  </PropertyGroup>";

    /// <summary>The smallest Go service the generate step accepts: go.mod with no requirement and a main package.</summary>
    public GoProjectCreator GoModule()
    {
        _folder.Write("go.mod", "module example.com/app\n\ngo 1.22\n");
        _folder.Write("main.go", "package main\n\nfunc main() {}\n");
        return this;
    }

    /// <summary>Writes the project file and returns its path.</summary>
    public string Save()
    {
        var sdk = SecurityElement.Escape(SdkFolder);
        File.WriteAllText(ProjectPath, $"""
            <Project>
              <Import Project="{sdk}/Sdk.props" />
              <PropertyGroup>
            {_properties}  </PropertyGroup>
            {_body}
              <Import Project="{sdk}/Sdk.targets" />
            </Project>

            """);
        return ProjectPath;
    }

    /// <summary>Saves and evaluates the project, as `dotnet build` would before running any target.</summary>
    public ProjectInstance Evaluate(IDictionary<string, string>? globalProperties = null) =>
        ProjectInstance.FromFile(Save(), new ProjectOptions
        {
            GlobalProperties = globalProperties ?? new Dictionary<string, string>(),
            ProjectCollection = Evaluations,
        });

    public void Dispose() => _folder.Dispose();
}
