using System.Text.Json;

namespace GoDocker.Core.Tests.Modules;

/// <summary>Reads the x/mod test tables copied under TestData/x-mod/tables; each case travels as its JSON text.</summary>
internal static class XModTable
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestData", "x-mod");

    public static JsonElement Load(string relative) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "tables", relative))).RootElement;

    public static TheoryData<string> Cases(string relative)
    {
        var data = new TheoryData<string>();
        foreach (var c in Load(relative).GetProperty("cases").EnumerateArray()) data.Add(c.GetRawText());
        return data;
    }

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString() ?? "";

    public static bool Bool(this JsonElement e, string name) => e.GetProperty(name).GetBoolean();
}
