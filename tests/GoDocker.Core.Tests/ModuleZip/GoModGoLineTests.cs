using System.Text;
using GoDocker.Core.ModuleZip;

namespace GoDocker.Core.Tests.ModuleZip;

public class GoModGoLineTests
{
    [Theory]
    [InlineData("module m\n\ngo 1.24\n", "go1.24")]
    [InlineData("module m\ngo 1.24.1 // patch\n", "go1.24")]
    [InlineData("module m\ngo 1.23rc1\n", "go1.23")]
    [InlineData("module m\ngo 1.21.0-bigcorp\n", "go1.21")]
    [InlineData("module m\n", "")]
    [InlineData("module m\ngo 1.22\ngo 1.24\n", "")]
    [InlineData("module m\ngo v1.2\n", "")]
    [InlineData("module m\nrequire (\n\tgo 1.24\n)\n", "")]
    public void Root_go_line_decides_the_vendor_rule_version(string goMod, string want) =>
        Assert.Equal(want, GoModGoLine.LanguageVersion(Encoding.UTF8.GetBytes(goMod)));
}
