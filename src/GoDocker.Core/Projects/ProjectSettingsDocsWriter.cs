using System.Text;

namespace GoDocker.Core.Projects;

/// <summary>
/// The settings tables of docs/sdk.md, written from <see cref="ProjectSettingCatalog"/> so the docs list exactly the
/// settings the SDK has, with the defaults it applies.
/// </summary>
public static class ProjectSettingsDocsWriter
{
    public static string Table(ProjectSettingSection section)
    {
        var text = new StringBuilder();
        var settings = ProjectSettingCatalog.Properties.Where(s => s.Section == section);
        if (section == ProjectSettingSection.Go)
        {
            text.Append("| property | variable | default |\n|---|---|---|\n");
            foreach (var s in settings)
            {
                text.Append("| `").Append(s.Name).Append("` | ").Append(s.GoVariable).Append(" | ").Append(DocumentedDefault(s)).Append(" |\n");
            }
            return text.ToString();
        }
        text.Append("| property | default | meaning |\n|---|---|---|\n");
        foreach (var s in settings)
        {
            text.Append("| `").Append(s.Name).Append("` | ").Append(DocumentedDefault(s)).Append(" | ").Append(s.Meaning).Append(" |\n");
        }
        return text.ToString();
    }

    private static string DocumentedDefault(ProjectSetting setting) =>
        setting.DocumentedDefault ?? (setting.Default is { } value ? $"`{value}`" : "empty");
}
