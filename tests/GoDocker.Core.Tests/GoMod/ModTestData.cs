using System.Text.Json;
using GoDocker.Core.GoMod;

namespace GoDocker.Core.Tests.GoMod;

/// <summary>Access to the copied x/mod and real-world vectors, and the tree comparison x/mod's tests use.</summary>
internal static class ModTestData
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestData");
    public static string XModModfile => Path.Combine(Root, "x-mod", "modfile", "testdata");
    public static string Tables => Path.Combine(Root, "x-mod", "tables", "modfile");
    public static string RealWorld => Path.Combine(Root, "real-world");

    public static byte[] Read(string relative) => File.ReadAllBytes(Path.Combine(Root, relative));

    public static JsonElement Table(string relative)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Tables, relative)));
        return doc.RootElement.Clone();
    }

    public static IEnumerable<JsonElement> Cases(string relative) => Table(relative).GetProperty("cases").EnumerateArray();

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString() ?? "";

    /// <summary>A dump of the tree without positions and comments (what reflect.DeepEqual compares in TestPrintParse).</summary>
    public static string Shape(ModFileSyntax f)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var stmt in f.Stmt)
        {
            switch (stmt)
            {
                case ModCommentBlock:
                    sb.Append("comments\n");
                    break;
                case ModLine l:
                    sb.Append("line ").Append(l.InBlock).Append(' ').AppendJoin('|', l.Token ?? []).Append('\n');
                    break;
                case ModLineBlock b:
                    sb.Append("block ").AppendJoin('|', b.Token).Append('\n');
                    foreach (var l in b.Line) sb.Append("  line ").Append(l.InBlock).Append(' ').AppendJoin('|', l.Token ?? []).Append('\n');
                    sb.Append("end\n");
                    break;
            }
        }
        return sb.ToString();
    }
}
