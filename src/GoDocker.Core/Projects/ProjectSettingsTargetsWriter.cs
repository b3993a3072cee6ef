using System.Text;

namespace GoDocker.Core.Projects;

/// <summary>
/// Writes the SDK's settings targets from <see cref="ProjectSettingCatalog"/>: each default, set only when the property
/// is empty, under its one-line reason, and the target that hands every setting to the tasks as an item. The file
/// ships in the package beside Sdk.targets; a test fails while the committed copy differs from this output.
/// </summary>
public static class ProjectSettingsTargetsWriter
{
    public const string FileName = "GoDocker.Settings.targets";

    /// <summary>The target that fills <c>@(_GoDockerSetting)</c>, one item per property, with metadata Value.</summary>
    public const string CollectTarget = "_GoDockerSettingItems";

    public static string Write()
    {
        var text = new StringBuilder();
        text.Append("<Project>\n");
        text.Append("  <!--\n");
        text.Append("    Generated from GoDocker.Core's ProjectSettingCatalog, where each setting is declared once. Do not edit:\n");
        text.Append("    change the catalog, then run build/build.sh generate.\n");
        text.Append("  -->\n");
        text.Append("  <PropertyGroup>\n");
        foreach (var setting in ProjectSettingCatalog.Properties.Where(s => s.Default is not null))
        {
            text.Append("    <!-- ").Append((setting.DefaultReason ?? "").Replace("--", "-", StringComparison.Ordinal)).Append(" -->\n");
            text.Append("    <").Append(setting.Name).Append(" Condition=\"'$(").Append(setting.Name).Append(")' == ''\">")
                .Append(Escape(setting.Default!)).Append("</").Append(setting.Name).Append(">\n");
        }
        text.Append("  </PropertyGroup>\n\n");
        text.Append("  <!-- Every setting's evaluated value, for the tasks and for the inputs of the incremental targets. -->\n");
        text.Append("  <Target Name=\"").Append(CollectTarget).Append("\">\n");
        text.Append("    <ItemGroup>\n");
        text.Append("      <_GoDockerSetting Remove=\"@(_GoDockerSetting)\" />\n");
        foreach (var setting in ProjectSettingCatalog.Properties)
        {
            text.Append("      <_GoDockerSetting Include=\"").Append(setting.Name).Append("\" Value=\"$(").Append(setting.Name).Append(")\" />\n");
        }
        text.Append("    </ItemGroup>\n");
        text.Append("  </Target>\n");
        text.Append("</Project>\n");
        return text.ToString();
    }

    private static string Escape(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
