using GoDocker.Core.Classification;

namespace GoDocker.Core.Tests.Classification;

/// <summary>
/// Issue 13 item 8's measure: real logs from public threads that no rule was written from
/// (TestData/go-errors-heldback, see its SOURCES.md). A log counts when its first diagnostic is not a catch-all,
/// belongs to the root cause's family and, where go named a module, points at that module's go.mod line.
/// </summary>
public class HeldBackAccuracyTests(ITestOutputHelper output)
{
    private static readonly string[] CatchAll = ["GD5005", "GD6024", "GD6999"];

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "go-errors-heldback");

    [Fact]
    public void At_least_90_percent_of_held_back_logs_get_the_root_cause_family_and_line()
    {
        var labels = File.ReadAllLines(Path.Combine(Folder, "labels.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .ToList();
        Assert.True(labels.Count >= 30, $"the held-back set has {labels.Count} logs; it needs at least 30");
        Assert.Equal(Directory.GetFiles(Folder, "*.txt").Select(Path.GetFileName).Order(), labels.Select(l => l[0]).Order());

        var correct = 0;
        foreach (var (file, family, module) in labels.Select(l => (l[0], l[1], l[2] == "-" ? null : l[2])))
        {
            var verdict = Judge(file, family, module);
            output.WriteLine($"{(verdict is null ? "ok  " : "MISS")} {file}: {verdict ?? family}");
            correct += verdict is null ? 1 : 0;
        }
        var accuracy = (double)correct / labels.Count;
        output.WriteLine($"held-back accuracy: {correct}/{labels.Count} = {accuracy:P1}");
        Assert.True(accuracy >= 0.9, $"held-back accuracy {correct}/{labels.Count} = {accuracy:P1} is below 90%");
    }

    /// <summary>Null when the log is diagnosed right, else what went wrong.</summary>
    private static string? Judge(string file, string family, string? module)
    {
        using var project = new TestProject(module);
        var diagnostics = GoOutputClassifier.Default.Classify(File.ReadAllText(Path.Combine(Folder, file)), project.Positions());
        var first = diagnostics[0];
        if (CatchAll.Contains(first.Code))
        {
            return $"catch-all {first.Code}";
        }
        if (!first.Code.StartsWith(family, StringComparison.Ordinal))
        {
            return $"{first.Code} is not {family}";
        }
        if (module is not null && (first.Location?.File != project.GoMod || first.Location.Line != TestProject.RequireLine))
        {
            return $"{first.Code} at {first.Location?.ToString() ?? "no line"}, not the require line of {module}";
        }
        return null;
    }
}
