using GoDocker.Core.Classification;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Tests.Classification;

/// <summary>Issue requirement: explain reads any log in bounded memory and ends, with a clear diagnostic when it cannot.</summary>
public class LogExplainerReadingTests
{
    private static readonly BoundedLogReader SmallReader = new(maxLineLength: 100, maxKeptChars: 1000, maxInputChars: 1 << 20);

    [Fact]
    public async Task A_folder_is_GD1014_saying_it_is_a_folder()
    {
        var e = await Assert.ThrowsAsync<DiagnosticException>(() => LogExplainer.ReadExcerptAsync(Path.GetTempPath(), TextReader.Null, SmallReader, CancellationToken.None));

        Assert.Equal("GD1014", e.Diagnostic.Code);
        Assert.Contains("it is a folder", e.Diagnostic.Message);
    }

    [Fact]
    public async Task A_file_whose_reads_fail_is_GD1014_with_the_reason()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("needs Linux's /proc/self/mem, a file whose reads always fail");
        }

        var e = await Assert.ThrowsAsync<DiagnosticException>(() => LogExplainer.ReadExcerptAsync("/proc/self/mem", TextReader.Null, SmallReader, CancellationToken.None));

        Assert.Equal("GD1014", e.Diagnostic.Code);
        Assert.Contains("reading it failed (Input/output error", e.Diagnostic.Message);
    }

    [Fact]
    public async Task A_device_that_never_ends_is_GD1014_at_the_read_limit()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("needs Linux's /dev/zero");
        }

        var e = await Assert.ThrowsAsync<DiagnosticException>(() => LogExplainer.ReadExcerptAsync("/dev/zero", TextReader.Null, SmallReader, CancellationToken.None));

        Assert.Equal("GD1014", e.Diagnostic.Code);
        Assert.Contains("it did not end within 1 MiB", e.Diagnostic.Message);
    }

    [Fact]
    public async Task Of_a_file_longer_than_the_read_limit_its_end_is_read()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, string.Concat(Enumerable.Repeat("#5 0.1 noise\n", 200_000)) + "go: the error at the end\n", TestContext.Current.CancellationToken);

            var excerpt = await LogExplainer.ReadExcerptAsync(path, TextReader.Null, SmallReader, CancellationToken.None);

            Assert.True(excerpt.ReachedEnd);
            Assert.EndsWith("\ngo: the error at the end", excerpt.Text);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
