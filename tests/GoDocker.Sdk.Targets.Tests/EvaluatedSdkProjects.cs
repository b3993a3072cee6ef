using GoDocker.Sdk.Targets.Tests.Infrastructure;
using Microsoft.Build.Execution;

namespace GoDocker.Sdk.Targets.Tests;

/// <summary>
/// One evaluated .goproj for each way a user meets the defaults: leaving every property unset, writing each empty,
/// and setting each in the project, in a Directory.Build.props or on the command line (-p:). Evaluated once for all
/// the rows of <see cref="SdkPropertyDefaults"/>.
/// </summary>
public sealed class EvaluatedSdkProjects : IDisposable
{
    private readonly List<GoProjectCreator> _creators = [];

    public EvaluatedSdkProjects()
    {
        Unset = Evaluate(_ => { });
        Empty = Evaluate(p =>
        {
            foreach (var row in SdkPropertyDefaults.All.Where(r => r.DefaultedAfterProjectBody))
            {
                p.Property(row.Name, "");
            }
        });
        SetInProject = Evaluate(p =>
        {
            foreach (var row in SdkPropertyDefaults.All)
            {
                p.Property(row.Name, row.Override);
            }
        });
        SetInDirectoryBuildProps = Evaluate(p => p.ImportedFile("Directory.Build.props",
            GoProjectCreator.PropertyGroup([.. SdkPropertyDefaults.All.Select(r => (r.Name, r.Override))])));
        SetOnCommandLine = Evaluate(_ => { }, SdkPropertyDefaults.All.ToDictionary(r => r.Name, r => r.Override));
    }

    public EvaluatedProject Unset { get; }
    public EvaluatedProject Empty { get; }
    public EvaluatedProject SetInProject { get; }
    public EvaluatedProject SetInDirectoryBuildProps { get; }
    public EvaluatedProject SetOnCommandLine { get; }

    private EvaluatedProject Evaluate(Action<GoProjectCreator> arrange, Dictionary<string, string>? globalProperties = null)
    {
        var creator = new GoProjectCreator();
        _creators.Add(creator);
        arrange(creator);
        return new EvaluatedProject(creator.Directory, creator.Evaluate(globalProperties));
    }

    public void Dispose()
    {
        foreach (var creator in _creators)
        {
            creator.Dispose();
        }
    }
}

/// <summary>An evaluated project and the folder it lives in.</summary>
public sealed record EvaluatedProject(string Folder, ProjectInstance Instance)
{
    public string this[string property] => Instance.GetPropertyValue(property);
}
