using System.Security.Cryptography;
using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Tests.GoEnv;

public class GoSumDbSettingTests
{
    private const string GoKey = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

    [Fact]
    public void Unset_means_sum_golang_org_with_its_known_key()
    {
        var setting = GoSumDbSetting.Parse(null).Value;

        Assert.Equal("sum.golang.org", setting.Name);
        Assert.Equal(GoKey, setting.Key!.Text);
        Assert.Equal(0x033de0aeu, setting.Key.Hash);
        Assert.Equal(32, setting.Key.PublicKey.Length);
        Assert.Equal("https://sum.golang.org", setting.DirectUrl);
        Assert.Null(setting.ExplicitUrl);
    }

    [Fact]
    public void The_china_mirror_is_sum_golang_org_at_another_url()
    {
        var setting = GoSumDbSetting.Parse("sum.golang.google.cn").Value;

        Assert.Equal("sum.golang.org", setting.Name);
        Assert.Equal("https://sum.golang.google.cn", setting.ExplicitUrl);
    }

    [Theory]
    [InlineData("sum.golang.org https://sumdb.corp.example/mirror", "sum.golang.org", "https://sumdb.corp.example/mirror")]
    [InlineData(GoKey, "sum.golang.org", null)]
    [InlineData(GoKey + " https://mirror.example", "sum.golang.org", "https://mirror.example")]
    public void Reads_the_key_and_url_forms(string value, string name, string? url)
    {
        var result = GoSumDbSetting.Parse(value);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(name, result.Value.Name);
        Assert.Equal(url, result.Value.ExplicitUrl);
    }

    [Fact]
    public void Off_turns_the_database_off()
    {
        var setting = GoSumDbSetting.Parse("off").Value;

        Assert.True(setting.IsOff);
        Assert.Null(setting.Name);
    }

    [Theory]
    // An unknown bare name is not a key: note.NewVerifier rejects it.
    [InlineData("sumdb.corp.example", "invalid GOSUMDB: malformed verifier id")]
    [InlineData("sum.golang.org https://a.example extra", "invalid GOSUMDB: too many fields")]
    [InlineData("sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8", "invalid GOSUMDB: invalid verifier hash")]
    [InlineData("sum.golang.org+033de0a+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8", "invalid GOSUMDB: malformed verifier id")]
    [InlineData("sum.golang.org+033de0ae+not base64", "invalid GOSUMDB: malformed verifier id")]
    [InlineData("sum.golang.org+033de0ae+@@@@", "invalid GOSUMDB: malformed verifier id")]
    public void Reports_dbDial_errors(string value, string expected)
    {
        var error = Assert.Single(GoSumDbSetting.Parse(value).Errors);

        Assert.Equal("GD1002", error.Descriptor.Code);
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Checks_the_key_algorithm_and_length_after_the_hash()
    {
        static string Key(string name, byte[] encoded) =>
            $"{name}+{SumDbVerifierKey.KeyHash(name, encoded):x8}+{Convert.ToBase64String(encoded)}";

        var ed25519 = new byte[33];
        ed25519[0] = 1;
        RandomNumberGenerator.Fill(ed25519.AsSpan(1));
        var unknownAlgorithm = (byte[])ed25519.Clone();
        unknownAlgorithm[0] = 2;
        var shortKey = ed25519[..20];

        Assert.True(GoSumDbSetting.Parse(Key("sumdb.corp.example", ed25519)).IsValid);
        Assert.Equal("invalid GOSUMDB: unknown verifier algorithm", GoSumDbSetting.Parse(Key("sumdb.corp.example", unknownAlgorithm)).Errors[0].Message);
        Assert.Equal("invalid GOSUMDB: malformed verifier id", GoSumDbSetting.Parse(Key("sumdb.corp.example", shortKey)).Errors[0].Message);
    }

    [Fact]
    public void A_key_name_that_is_not_valid_utf8_is_malformed()
    {
        var encoded = new byte[33];
        encoded[0] = 1;
        var name = "sumdb\ud800.corp.example"; // a lone surrogate: an invalid byte read from the environment
        var key = $"{name}+{SumDbVerifierKey.KeyHash(name, encoded):x8}+{Convert.ToBase64String(encoded)}";

        Assert.Equal("invalid GOSUMDB: malformed verifier id", Assert.Single(GoSumDbSetting.Parse(key).Errors).Message);
    }

    [Fact]
    public void A_database_name_must_be_host_and_path()
    {
        var encoded = new byte[33];
        encoded[0] = 1;
        var name = "sumdb.corp.example/";
        var key = $"{name}+{SumDbVerifierKey.KeyHash(name, encoded):x8}+{Convert.ToBase64String(encoded)}";

        var error = Assert.Single(GoSumDbSetting.Parse(key).Errors);

        Assert.StartsWith("invalid sumdb name (must be host[/path]): sumdb.corp.example/ {Scheme:https", error.Message);
    }
}
