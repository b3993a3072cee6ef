using GoDocker.Core.Projects;

namespace GoDocker.Core.Tests.Projects;

public class CaCertificateFileTests
{
    [Fact]
    public void A_PEM_CA_certificate_is_accepted()
    {
        using var f = new GoProjectFixture();
        f.WriteFile("ca.crt", TestCertificates.CaPem());
        Assert.Null(CaCertificateFile.Problem(Path.Combine(f.ProjectDirectory, "ca.crt")));
    }

    [Fact]
    public void A_bundle_of_CA_certificates_is_accepted()
    {
        using var f = new GoProjectFixture();
        f.WriteFile("bundle.pem", TestCertificates.CaPem("CN=One") + TestCertificates.CaPem("CN=Two"));
        Assert.Null(CaCertificateFile.Problem(Path.Combine(f.ProjectDirectory, "bundle.pem")));
    }

    [Fact]
    public void A_self_signed_root_without_basic_constraints_is_accepted()
    {
        using var f = new GoProjectFixture();
        f.WriteFile("legacy.crt", TestCertificates.LegacyRootPem());
        Assert.Null(CaCertificateFile.Problem(Path.Combine(f.ProjectDirectory, "legacy.crt")));
    }

    public static TheoryData<string, Func<GoProjectFixture, string>, string> BadFiles => new()
    {
        { "server certificate", f => Write(f, "leaf.crt", TestCertificates.LeafPem()), "not a CA certificate" },
        { "DER file", f => { File.WriteAllBytes(Path.Combine(f.ProjectDirectory, "ca.der"), TestCertificates.CaDer()); return "ca.der"; }, "DER" },
        { "private key", f => Write(f, "key.pem", TestCertificates.PrivateKeyPem()), "private key" },
        { "text file", f => Write(f, "notes.txt", "hello\n"), "no PEM certificate" },
        { "broken PEM", f => Write(f, "broken.crt", "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n"), "cannot be parsed" },
        { "truncated PEM", f => Write(f, "cut.crt", TestCertificates.CaPem()[..200]), "cannot be parsed" },
        { "missing file", _ => "nope.crt", "does not exist" },
        { "folder", f => { Directory.CreateDirectory(Path.Combine(f.ProjectDirectory, "certs")); return "certs"; }, "folder" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void An_unusable_file_is_GD4008_at_its_item_line(string kind, Func<GoProjectFixture, string> make, string reason)
    {
        Assert.NotNull(kind);
        using var f = new GoProjectFixture();
        var include = make(f);
        f.AddCaCertificate(include);
        var (settings, diagnostics) = f.Read();
        var d = Assert.Single(diagnostics);
        Assert.Equal("GD4008", d.Code);
        Assert.Contains(reason, d.Message);
        Assert.Equal(File.ReadAllLines(f.ProjectPath).ToList().FindIndex(l => l.Contains("GoCaCertificate")) + 1, d.Location?.Line);
        Assert.Empty(settings.CaCertificates);
    }

    private static string Write(GoProjectFixture f, string name, string text)
    {
        f.WriteFile(name, text);
        return name;
    }
}
