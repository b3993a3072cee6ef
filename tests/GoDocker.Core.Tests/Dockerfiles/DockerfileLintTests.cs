namespace GoDocker.Core.Tests.Dockerfiles;

/// <summary>The lint used on generated files must itself catch each rule it claims to check.</summary>
public class DockerfileLintTests
{
    private const string Good = "FROM golang:1.22 AS b\nWORKDIR /src\nCOPY go.mod ./\nRUN go build \\\n    -o /app .\nFROM scratch\nCOPY --from=b /app /app\nUSER 65532\nENTRYPOINT [\"/app\"]\n";

    [Fact]
    public void A_clean_file_passes()
    {
        Assert.Empty(DockerfileLint.Check(Good));
    }

    [Theory]
    [InlineData("DL3006", "FROM golang AS b\nWORKDIR /src\nUSER 1\nENTRYPOINT [\"/a\"]\n")]
    [InlineData("DL3007", "FROM golang:latest\nUSER 1\nENTRYPOINT [\"/a\"]\n")]
    [InlineData("DL3025", "FROM golang:1.22\nUSER 1\nENTRYPOINT /a\n")]
    [InlineData("DL3025", "FROM golang:1.22\nUSER 1\nCMD [\"/a\", 1]\n")]
    [InlineData("DL4006", "FROM golang:1.22\nRUN go list | sort\nUSER 1\n")]
    [InlineData("DL3002", "FROM golang:1.22\nUSER 65532\nFROM golang:1.22\nUSER root\n")]
    [InlineData("DL3002", "FROM golang:1.22\nENTRYPOINT [\"/a\"]\n")]
    [InlineData("DL3000", "FROM golang:1.22\nWORKDIR src\nUSER 1\n")]
    [InlineData("DL3045", "FROM golang:1.22\nCOPY go.mod ./\nUSER 1\n")]
    [InlineData("unknown or lowercase instruction", "FROM golang:1.22\nRUNN x\nUSER 1\n")]
    [InlineData("unknown or lowercase instruction", "FROM golang:1.22\nrun x\nUSER 1\n")]
    [InlineData("dangling line continuation", "FROM golang:1.22\nUSER 1\nRUN x \\\n")]
    [InlineData("empty line inside a continued instruction", "FROM golang:1.22\nRUN a \\\n\n    b\nUSER 1\n")]
    [InlineData("comment inside a continued instruction", "FROM golang:1.22\nRUN a \\\n# x\n    b\nUSER 1\n")]
    [InlineData("the syntax directive must be the first line", "# hi\n# syntax=docker/dockerfile:1\nFROM golang:1.22\nUSER 1\n")]
    [InlineData("trailing whitespace", "FROM golang:1.22 \nUSER 1\n")]
    [InlineData("no final newline", "FROM golang:1.22\nUSER 1")]
    [InlineData("the first instruction is not FROM", "RUN x\nFROM golang:1.22\nUSER 1\n")]
    public void Each_rule_catches_its_violation(string rule, string dockerfile)
    {
        Assert.Contains(DockerfileLint.Check(dockerfile), v => v.Contains(rule, StringComparison.Ordinal));
    }

    [Fact]
    public void A_quoted_pipe_is_not_a_pipe_and_logical_or_is_not_either()
    {
        Assert.Empty(DockerfileLint.Check("FROM golang:1.22\nRUN go build '-ldflags=a|b' || true\nUSER 1\n"));
    }
}
