using GoDocker.Core.Classification;

namespace GoDocker.Core.Tests.Classification;

public class BuildOutputTests
{
    [Fact]
    public void Ansi_codes_carriage_return_redraws_and_BuildKit_prefixes_are_removed()
    {
        var output = BuildOutput.Parse("\u001b[31m#12 0.345 go: downloading x\u001b[0m\r\n#12 ERROR: boom\nprogress 10%\rprogress 100%\n34.96 go: malformed module path \"a\"\n\n\n");
        Assert.Equal(["go: downloading x", "ERROR: boom", "progress 100%", "go: malformed module path \"a\""], output.Lines);
    }

    [Fact]
    public void Indented_lines_and_import_chains_continue_a_message()
    {
        var output = BuildOutput.Parse("a imports\nb imports\n\tc: error\n  server response: x\nnext error\n\nlast");
        Assert.Equal([(0, 3), (4, 4), (6, 6)], output.Records.Select(r => (r.FirstLine, r.LastLine)));
        Assert.Equal("a imports\nb imports\n\tc: error\n  server response: x", output.Records[0].Text);
    }

    [Fact]
    public void Meaningful_lines_skip_blank_lines_and_BuildKit_bookkeeping()
    {
        var output = BuildOutput.Parse("""
            #6 [3/3] RUN go mod download
            #6 sha256:d4ffd3345191ac68f44877aca77a58d327e6f956bcdf3265a13b295411d35836
            #6 0.053 go: first

            #6 DONE 0.1s
            ------
            Dockerfile:6
            --------------------
               6 | >>> RUN go mod download
            go: second
            """);
        Assert.Equal(["[3/3] RUN go mod download", "go: first", "go: second"], output.MeaningfulLines(10));
        Assert.Equal(["go: second"], output.MeaningfulLines(1));
    }
}
