using System.Xml.Linq;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Tests.Projects;

/// <summary>
/// Every item type of <see cref="ProjectSettingCatalog"/> reaches every task of the SDK's targets and the settings
/// file whose change reruns them; the tool asks MSBuild for the same list (-getItem per catalog item), so a new item
/// type that is missing from one front end fails here instead of silently doing nothing in `dotnet build`.
/// </summary>
public class SdkTargetsItemTests
{
    public static TheoryData<string> Items => new(ProjectSettingCatalog.All.Where(s => s.IsItem).Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Items))]
    public void Every_task_and_the_settings_file_get_the_item(string item)
    {
        var targets = XDocument.Load(SourcePath("src", "GoDocker.Sdk", "Sdk", "Sdk.targets"));
        var tasks = targets.Descendants().Where(e => e.Name.LocalName is "GoDockerGenerate" or "GoDockerVerify" or "GoDockerDownload").ToList();

        Assert.Equal(3, tasks.Count);
        Assert.All(tasks, task => Assert.Contains(task.Attributes(), a => a.Value == $"@({item})"));
        var lines = targets.Descendants().Single(e => e.Name.LocalName == "WriteLinesToFile").Attribute("Lines")!.Value;
        Assert.Contains($"@({item}->", lines);
    }

    private static string SourcePath(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GoDocker.Sdk.sln")))
        {
            dir = dir.Parent;
        }
        Assert.NotNull(dir);
        return Path.Combine([dir.FullName, .. parts]);
    }
}
