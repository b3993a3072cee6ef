using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GoDocker.Core.Modules;

namespace GoDocker.Core.Tests.Modules;

/// <summary>Properties over generated module paths and versions.</summary>
public class ModulePropertyTests
{
    private static Gen<string> StringOf(string alphabet, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), n)).Select(cs => new string(cs));

    /// <summary>Module paths: a lower-case dotted domain, then elements with mixed case and the allowed punctuation.</summary>
    private static Arbitrary<string> ModulePaths()
    {
        var label = StringOf("abcdefghijklmnopqrstuvwxyz0123456789", 1, 8);
        var domain = Gen.Zip(label, label).Select(t => t.Item1 + "." + t.Item2);
        var element = StringOf("abcXYZdefGHIjklMNOpqrSTUvwxyz0123456789-._~", 1, 10);
        var elements = Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(element, n));
        return Gen.Zip(domain, elements)
            .Select(t => string.Concat(t.Item2.Select(e => "/" + e)).Insert(0, t.Item1))
            .Where(p => ModulePath.CheckPath(p) is null)
            .ToArbitrary();
    }

    /// <summary>Versions from a small alphabet so that equal, prerelease and build variants collide often.</summary>
    private static Gen<string> SmallVersions()
    {
        var num = Gen.Elements("0", "1", "2", "10", "01");
        var ident = Gen.Elements("alpha", "beta", "1", "2", "11", "rc", "RC", "0", "a-b", "");
        var pre = Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(ident, n)).Select(ids => ids.Length == 0 ? "" : "-" + string.Join(".", ids));
        var build = Gen.Elements("", "", "+meta", "+incompatible", "+x.y");
        var full = from a in num from b in num from c in num from p in pre from bu in build select $"v{a}.{b}.{c}{p}{bu}";
        var shortForms = from a in num from b in num select Gen.Elements($"v{a}", $"v{a}.{b}", $"{a}.{b}", "bad");
        return Gen.Frequency((4, full), (1, shortForms.SelectMany(g => g)));
    }

    [Property(MaxTest = 300)]
    public Property Escaped_module_paths_unescape_to_themselves() =>
        Prop.ForAll(ModulePaths(), path =>
        {
            var escaped = ModulePath.EscapePath(path);
            return !escaped.Any(char.IsUpper) && ModulePath.UnescapePath(escaped) == path;
        });

    [Property(MaxTest = 300)]
    public Property Escaped_versions_unescape_to_themselves() =>
        Prop.ForAll(SmallVersions().Where(v => ModulePath.TryEscapeVersion(v, out _, out _)).ToArbitrary(), v =>
        {
            var escaped = ModulePath.EscapeVersion(v);
            return !escaped.Any(char.IsUpper) && ModulePath.UnescapeVersion(escaped) == v;
        });

    [Property(MaxTest = 500)]
    public Property Semver_compare_is_antisymmetric_and_agrees_with_Canonical() =>
        Prop.ForAll(Gen.Two(SmallVersions()).ToArbitrary(), pair =>
        {
            var (a, b) = pair;
            var ab = SemVer.Compare(a, b);
            return ab == -SemVer.Compare(b, a)
                && (ab == 0) == (SemVer.Canonical(a) == SemVer.Canonical(b))
                && SemVer.Compare(a, SemVer.Canonical(a)) == 0;
        });

    [Property(MaxTest = 500)]
    public Property Semver_compare_is_transitive() =>
        Prop.ForAll(Gen.Three(SmallVersions()).ToArbitrary(), triple =>
        {
            var (a, b, c) = triple;
            var (ab, bc, ac) = (SemVer.Compare(a, b), SemVer.Compare(b, c), SemVer.Compare(a, c));
            var lessOrEqualChains = !(ab <= 0 && bc <= 0) || ac <= 0;
            var equalChains = !(ab == 0 && bc == 0) || ac == 0;
            return lessOrEqualChains && equalChains;
        });
}
