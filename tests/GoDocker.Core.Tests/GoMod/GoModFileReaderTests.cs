using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoMod;
using GoDocker.Core.ModuleZip;

namespace GoDocker.Core.Tests.GoMod;

/// <summary>Issue requirement: go.mod files larger than the go command reads are refused, never read without end.</summary>
public class GoModFileReaderTests
{
    [Fact]
    public void A_go_mod_is_read_whole()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "module example.com/m\n\ngo 1.19\n");
            Assert.Equal("module example.com/m\n\ngo 1.19\n", System.Text.Encoding.UTF8.GetString(GoModFileReader.Read(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_over_the_go_commands_16_MiB_limit_is_GD2009_and_one_at_the_limit_is_read()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var file = File.OpenWrite(path))
            {
                file.SetLength(ModuleZipLimits.MaxGoMod);
            }
            Assert.Equal(16 << 20, GoModFileReader.Read(path).Length);

            using (var file = File.OpenWrite(path))
            {
                file.SetLength(ModuleZipLimits.MaxGoMod + 1);
            }
            var e = Assert.Throws<DiagnosticException>(() => GoModFileReader.Read(path));
            Assert.Equal("GD2009", e.Diagnostic.Code);
            Assert.Contains("16777216 bytes", e.Diagnostic.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_device_that_never_ends_is_GD2009_after_the_limit()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("needs Linux's /dev/zero");
        }

        var e = Assert.Throws<DiagnosticException>(() => GoModFileReader.Read("/dev/zero", limit: 1 << 20));

        Assert.Equal("GD2009", e.Diagnostic.Code);
        Assert.StartsWith("'/dev/zero' holds more than 1048576 bytes", e.Diagnostic.Message);
    }

    [Fact]
    public void A_file_whose_reads_fail_is_GD2010_with_the_reason()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("needs Linux's /proc/self/mem, a file whose reads always fail");
        }

        var e = Assert.Throws<DiagnosticException>(() => GoModFileReader.Read("/proc/self/mem"));

        Assert.Equal("GD2010", e.Diagnostic.Code);
        Assert.Equal("Reading '/proc/self/mem' failed: Input/output error. Give a go.mod file that can be read.", e.Diagnostic.Message);
    }
}
