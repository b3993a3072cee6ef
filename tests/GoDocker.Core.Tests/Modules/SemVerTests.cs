using System.Text.Json;
using GoDocker.Core.Modules;

namespace GoDocker.Core.Tests.Modules;

public class SemVerTests
{
    public static TheoryData<string> Cases => XModTable.Cases("semver/tests.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Canonical_and_parts_follow_x_mod(string json)
    {
        var c = XModTable.Parse(json);
        var (input, output) = (c.Str("in"), c.Str("out"));
        var d = c.GetProperty("derived");
        Assert.Equal(output, SemVer.Canonical(input));
        Assert.Equal(d.Bool("isValid"), SemVer.IsValid(input));
        Assert.Equal(d.Str("major"), SemVer.Major(input));
        Assert.Equal(d.Str("majorMinor"), SemVer.MajorMinor(input));
        Assert.Equal(d.Str("prerelease"), SemVer.Prerelease(input));
        Assert.Equal(d.Str("build"), SemVer.Build(input));
    }

    [Fact]
    public void Compare_and_Max_follow_the_table_order()
    {
        var cases = XModTable.Load("semver/tests.json").GetProperty("cases").EnumerateArray().ToList();
        foreach (var a in cases)
        {
            foreach (var b in cases)
            {
                var want = Math.Sign(a.GetProperty("rank").GetInt32() - b.GetProperty("rank").GetInt32());
                Assert.True(want == SemVer.Compare(a.Str("in"), b.Str("in")), $"Compare({a.Str("in")}, {b.Str("in")})");
                var wantMax = a.GetProperty("index").GetInt32() >= b.GetProperty("index").GetInt32()
                    ? SemVer.Canonical(a.Str("in")) : SemVer.Canonical(b.Str("in"));
                Assert.Equal(wantMax, SemVer.Max(a.Str("in"), b.Str("in")));
            }
        }
    }

    [Fact]
    public void Sort_gives_the_golden_order()
    {
        var golden = XModTable.Load("semver/sortGolden.json").GetProperty("cases").EnumerateArray().Select(e => e.GetString()!).ToList();
        var shuffled = golden.ToList();
        new Random(42).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));
        SemVer.Sort(shuffled);
        Assert.Equal(golden, shuffled);
    }
}
