using GoDocker.Core.Modules;

namespace GoDocker.Core.Tests.Modules;

public class PseudoVersionTests
{
    private static readonly DateTimeOffset PseudoTime = new(2006, 1, 2, 15, 4, 5, TimeSpan.Zero);

    public static TheoryData<string> PseudoCases => XModTable.Cases("module/pseudoTests.json");
    public static TheoryData<string> InvalidBaseCases => XModTable.Cases("module/invalidPseudoVersionBase.json");
    public static TheoryData<string> InvalidTimeCases => XModTable.Cases("module/invalidPseudoVersionTime.json");
    public static TheoryData<string> IncCases => XModTable.Cases("module/incDecimalTests.json");
    public static TheoryData<string> DecCases => XModTable.Cases("module/decDecimalTests.json");

    [Theory]
    [MemberData(nameof(PseudoCases))]
    public void Pseudo_versions_are_made_parsed_and_based_like_x_mod(string json)
    {
        var c = XModTable.Parse(json);
        var (major, older, version) = (c.Str("major"), c.Str("older"), c.Str("version"));
        Assert.Equal(version, PseudoVersion.Make(major, older, PseudoTime, "hash"));
        Assert.True(PseudoVersion.IsPseudoVersion(version));
        Assert.False(PseudoVersion.IsPseudoVersion(older));
        Assert.Equal(PseudoTime, PseudoVersion.PseudoVersionTime(version));
        Assert.False(PseudoVersion.TryPseudoVersionTime(older, out var t, out _));
        Assert.Equal(default, t);
        Assert.Equal("hash", PseudoVersion.PseudoVersionRev(version));
        Assert.False(PseudoVersion.TryPseudoVersionRev(older, out var rev, out _));
        Assert.Equal("", rev);
        Assert.Equal(older, PseudoVersion.PseudoVersionBase(version));
    }

    [Theory]
    [MemberData(nameof(InvalidBaseCases))]
    public void PseudoVersionBase_rejects_versions_without_a_sound_base(string json)
    {
        var v = XModTable.Parse(json).GetString()!;
        Assert.False(PseudoVersion.TryPseudoVersionBase(v, out var b, out var err));
        Assert.Equal("", b);
        Assert.StartsWith($"pseudo-version \"{v}\" invalid: ", err);
    }

    [Theory]
    [MemberData(nameof(InvalidTimeCases))]
    public void PseudoVersionTime_rejects_non_pseudo_versions(string json)
    {
        var v = XModTable.Parse(json).GetString()!;
        Assert.False(PseudoVersion.TryPseudoVersionTime(v, out _, out var err));
        Assert.Equal($"pseudo-version \"{v}\" invalid: syntax error", err);
    }

    [Fact]
    public void Malformed_time_and_negative_patch_use_go_wording()
    {
        Assert.False(PseudoVersion.TryPseudoVersionTime("v1.0.0-20061302150405-hash", out _, out var err));
        Assert.Equal("pseudo-version \"v1.0.0-20061302150405-hash\" invalid: malformed time \"20061302150405\"", err);
        Assert.False(PseudoVersion.TryPseudoVersionBase("v1.0.0-0.20060102150405-hash", out _, out err));
        Assert.Equal("pseudo-version \"v1.0.0-0.20060102150405-hash\" invalid: version before v1.0.0 would have negative patch number", err);
    }

    [Theory]
    [MemberData(nameof(IncCases))]
    public void IncDecimal_adds_one(string json)
    {
        var c = XModTable.Parse(json);
        Assert.Equal(c.Str("want"), PseudoVersion.IncDecimal(c.Str("in")));
    }

    [Theory]
    [MemberData(nameof(DecCases))]
    public void DecDecimal_subtracts_one(string json)
    {
        var c = XModTable.Parse(json);
        Assert.Equal(c.Str("want"), PseudoVersion.DecDecimal(c.Str("in")));
    }
}
