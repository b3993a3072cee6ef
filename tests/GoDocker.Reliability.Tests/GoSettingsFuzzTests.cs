using System.Security;
using System.Text;
using System.Xml;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoEnv;
using GoDocker.Core.Projects;
using GoDocker.Reliability.Tests.Fuzzing;

namespace GoDocker.Reliability.Tests;

/// <summary>
/// Malformed GOPROXY, GOSUMDB and GOPRIVATE-style values, written into a .goproj as a user would and read through
/// the project settings and Go environment readers: no exception, no hang, and every diagnostic at the property's
/// line and column. A value the parser itself rejects must reach the user as such a diagnostic.
/// </summary>
public sealed class GoSettingsFuzzTests : IDisposable
{
    private readonly string _project;

    public GoSettingsFuzzTests()
    {
        var dir = Directory.CreateTempSubdirectory("godocker-fuzz-").FullName;
        // A valid module beside the project, so the only faults are the injected ones.
        File.WriteAllText(Path.Combine(dir, "go.mod"), "module example.com/service\n\ngo 1.21\n");
        _project = Path.Combine(dir, "service.goproj");
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_project)!, recursive: true);

    private static readonly string[] PatternProperties = ["GoPrivate", "GoNoProxy", "GoNoSumDb", "GoInsecure"];

    private static Gen<string> Joined(Gen<string> part, params string[] separators) =>
        from n in Gen.Choose(0, 5)
        from parts in Gen.ArrayOf(part, n)
        from sep in Gen.ArrayOf(Gen.Elements(separators), Math.Max(0, n - 1))
        select parts.Length == 0 ? "" : parts[0] + string.Concat(sep.Zip(parts.Skip(1), (s, p) => s + p));

    private static readonly Gen<string> ProxyEntries = Gen.Elements(
        "direct", "off", "https://proxy.golang.org", "http://127.0.0.1:1", "127.0.0.1:3000", "proxy.example", "file:///tmp/m",
        "ftp://x.example", "https://[::1]:99", "https://[::1", "https://%zz", "https://user:pass@h.example", "", " ", "https://h.example/p?x=1#y",
        "https://h.example:99999", "https://é.example", "https://exa mple", "https://", "//h.example", "http:/h", "DIRECT", "noproxy",
        "https://h.example/%2e%2e/", "https://\u0000.example", "https://h.example:-1", "unix:///var/run/x.sock", "https://h.example\t");

    private static readonly Gen<string> SumDbValues = Gen.Elements(
        "off", "sum.golang.org", "sum.golang.google.cn", "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8",
        "sum.golang.org https://sum.example", "name+key", "name+00000000+AAAA", "name+zzzzzzzz+!!!!", "+", "++", "a b c",
        "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8 https://[::1", "sum.golang.org ftp://x",
        "sum.golang.org http://", "OFF", " off ", "sum.golang.org\thttps://x.example", "é+12345678+AQ==");

    private static readonly Gen<string> Globs = Gen.Choose(0, 12).SelectMany(n =>
        Gen.ArrayOf(Gen.Elements("*?[]^-\\/a.bz,é!".ToCharArray().Select(c => c.ToString()).Concat(["example.com", "*.corp", "[a-", "[^]", "\\"]).ToArray()), n))
        .Select(string.Concat);

    /// <summary>Characters an XML file cannot hold at all are dropped: MSBuild could never pass them either.</summary>
    private static string XmlExpressible(string value) =>
        string.Concat(value.EnumerateRunes().Where(r => r.Value is 0x9 or 0xA or 0xD || (r.Value >= 0x20 && XmlConvert.IsXmlChar(r.IsBmp ? (char)r.Value : 'x'))).Select(r => r.ToString()));

    private void Holds(string property, string rawValue)
    {
        var value = XmlExpressible(rawValue);
        File.WriteAllText(_project,
            $"<Project Sdk=\"GoDocker.Sdk\">\n  <PropertyGroup>\n    <GoVerify>true</GoVerify>\n    <{property}>{SecurityElement.Escape(value)}</{property}>\n  </PropertyGroup>\n</Project>\n",
            new UTF8Encoding(false));
        string Describe() => Fuzzing.Describe.Short($"<{property}>{value}</{property}>");

        var diagnostics = BoundedRun.Run(() =>
        {
            try
            {
                // The settings reader reads the Go environment too, once: its diagnostics are the go command's verdicts.
                var (_, settingDiagnostics) = GoProjectSettingsReader.Read(_project,
                    new Dictionary<string, string> { [property] = value, ["GoVerify"] = "true" }, [], [], ProjectFilePositions.Read(_project),
                    new DictionaryEnvironmentSource(new Dictionary<string, string>()), InMemoryTextFileSource.Empty);
                return settingDiagnostics.ToList();
            }
            catch (Exception e)
            {
                Assert.Fail($"crashed with {e.GetType().Name}: {e.Message}\non {Describe()}\n{e.StackTrace}");
                throw;
            }
        }, Describe);

        RejectionContract.Holds(diagnostics, _project, 6, Describe());
        Assert.All(diagnostics, d => Assert.Equal(4, d.Location!.Line));

        var trimmed = value.Trim();
        var parserErrors = BoundedRun.Run(() => property switch
        {
            "GoProxy" => GoProxyList.Parse(trimmed).Errors,
            "GoSumDb" => GoSumDbSetting.Parse(trimmed).Errors,
            _ => ModulePathPatterns.Parse(trimmed).Errors,
        }, Describe);
        if (trimmed.Length > 0 && parserErrors.Count > 0 && diagnostics.Count == 0)
        {
            Assert.Fail($"the parser rejects {Describe()} ({parserErrors[0].Message}) but the user is told nothing");
        }
    }

    [Property(MaxTest = 400)]
    public Property Goproxy_with_malformed_urls_schemes_and_separators() =>
        Prop.ForAll(Joined(ProxyEntries, ",", "|", ",,", "||", " , ", ",|").ToArbitrary(), v => Holds("GoProxy", v));

    [Property(MaxTest = 300)]
    public Property Goproxy_of_arbitrary_text(string? value) =>
        Prop.ForAll(Gen.Constant(value ?? "").ToArbitrary(), v => Holds("GoProxy", v));

    [Property(MaxTest = 400)]
    public Property Gosumdb_with_malformed_names_keys_and_urls() =>
        Prop.ForAll(Gen.OneOf(SumDbValues, Joined(SumDbValues, " ", "+", "  ")).ToArbitrary(), v => Holds("GoSumDb", v));

    [Property(MaxTest = 300)]
    public Property Gosumdb_of_arbitrary_text(string? value) =>
        Prop.ForAll(Gen.Constant(value ?? "").ToArbitrary(), v => Holds("GoSumDb", v));

    [Property(MaxTest = 400)]
    public Property Private_patterns_with_malformed_globs_classes_and_escapes() =>
        Prop.ForAll((from p in Gen.Elements(PatternProperties) from v in Joined(Globs, ",", ",,", "/,") select (p, v)).ToArbitrary(),
            t => Holds(t.p, t.v));

    [Property(MaxTest = 300)]
    public Property Private_patterns_of_arbitrary_text(string? value) =>
        Prop.ForAll(Gen.Elements(PatternProperties).ToArbitrary(), p => Holds(p, value ?? ""));

    [Property(MaxTest = 200)]
    public Property Values_with_line_breaks_tabs_and_control_characters() =>
        Prop.ForAll((from p in Gen.Elements(["GoProxy", "GoSumDb", .. PatternProperties])
                     from head in ProxyEntries
                     from junk in Gen.Elements("\n", "\r\n", "\r", "\t", "\u0085", "\u2028", "\n\nRUN echo pwned", "$(whoami)", "`id`", "\\\n")
                     select (p, head + junk + "x")).ToArbitrary(),
            t => Holds(t.p, t.Item2));

    [Property(MaxTest = 600)]
    public Property Glob_matching_with_pathological_stars_classes_and_escapes() =>
        Prop.ForAll((from g in Globs from n in Gen.Elements("example.com/a/b", "a", "", "[", "\\", "é/x", "a.b.z/!") select (g, n)).ToArbitrary(),
            t => BoundedRun.Run(() => GoPathGlob.TryMatch(t.g, t.n, out _) || true, () => $"path.Match({t.g}, {t.n})"));

    [Fact]
    public void Glob_of_forty_stars_against_a_long_path_gets_a_verdict() =>
        BoundedRun.Run(() => GoPathGlob.IsMatch(string.Concat(Enumerable.Repeat("*a", 40)) + "b", new string('a', 4_000)), () => "(*a)^40 b");

    [Fact]
    public void A_megabyte_goproxy_value_of_ten_thousand_entries() =>
        Holds("GoProxy", string.Join(",", Enumerable.Range(0, 10_000).Select(i => $"https://p{i}.example/" + new string('x', 90))));
}
