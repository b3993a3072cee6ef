using System.Xml;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Projects;

/// <summary>
/// Finds where a property or item is written in a project file, so a diagnostic about a setting points at its line.
/// MSBuild does not hand tasks the location of a property, so the project XML is scanned; the last definition wins,
/// as it does in evaluation.
/// </summary>
public sealed class ProjectFilePositions
{
    private readonly Dictionary<string, SourceLocation> _properties = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SourceLocation> _items = new(StringComparer.OrdinalIgnoreCase);

    private ProjectFilePositions(string projectPath) => ProjectPath = projectPath;

    public string ProjectPath { get; }

    public static ProjectFilePositions Read(string projectPath)
    {
        var positions = new ProjectFilePositions(projectPath);
        try
        {
            using var reader = XmlReader.Create(projectPath, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true });
            var info = (IXmlLineInfo)reader;
            var parent = "";
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                // LinePosition is the name after "<"; point at the "<" itself.
                var location = new SourceLocation(projectPath, info.LineNumber, Math.Max(1, info.LinePosition - 1));
                if (reader.Depth == 2 && parent == "PropertyGroup")
                {
                    positions._properties[reader.LocalName] = location;
                }
                else if (reader.Depth == 2 && parent == "ItemGroup")
                {
                    var include = reader.GetAttribute("Include") ?? reader.GetAttribute("Update") ?? "";
                    positions._items.TryAdd(reader.LocalName + "|" + include, location);
                    positions._items.TryAdd(reader.LocalName, location);
                }
                if (reader.Depth == 1)
                {
                    parent = reader.LocalName;
                }
            }
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            // MSBuild already reports unreadable project files; positions fall back to the whole file.
        }
        return positions;
    }

    /// <summary>The property's element, or the project file itself when it is set elsewhere (an import, the command line).</summary>
    public SourceLocation Property(string name) =>
        _properties.TryGetValue(name, out var location) ? location : SourceLocation.Of(ProjectPath);

    /// <summary>Whether the project file itself writes the property (not only a default of the SDK's targets).</summary>
    public bool IsWritten(string name) => _properties.ContainsKey(name);

    public SourceLocation Item(string itemType, string include) =>
        _items.TryGetValue(itemType + "|" + include, out var location) ? location
        : _items.TryGetValue(itemType, out location) ? location
        : SourceLocation.Of(ProjectPath);

    /// <summary>Positions for settings that do not come from a project file (the CLI's environment mode).</summary>
    public static ProjectFilePositions None(string path) => new(path);
}
