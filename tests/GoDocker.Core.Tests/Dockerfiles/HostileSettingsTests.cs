using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Tests.Projects;

namespace GoDocker.Core.Tests.Dockerfiles;

/// <summary>
/// Malformed and hostile .goproj values (issue 8): each is either rejected with a GD1xxx/GD7xxx diagnostic at the
/// property's line, or reaches the Dockerfile quoted so that the file stays well-formed and no shell word runs.
/// The first column of each case names what it injects.
/// </summary>
public class HostileSettingsTests
{
    private const string Canary = "CANARY";

    public static TheoryData<string, string, string, string?> Cases => new()
    {
        // injected, property, value, expected code (null: accepted and quoted)
        { "empty value", "GoBaseImage", "", null },
        { "whitespace only", "GoBaseImage", "   \t ", null },
        { "line feed starting a new instruction", "GoProxy", "https://proxy.example\nRUN touch CANARY", "GD1007" },
        { "carriage return and line feed", "GoLdflags", "-s\r\n-w", "GD1007" },
        { "NUL byte", "GoMainPackage", "./cmd\0x", "GD1007" },
        { "100000-character value", "GoLdflags", new string('a', 100_000), "GD1007" },
        { "huge pattern list", "GoPrivate", string.Join(',', Enumerable.Repeat("example.com/x", 1000)), "GD1007" },
        { "command substitution in ldflags", "GoLdflags", "-X main.v=$(touch CANARY)", null },
        { "backticks in ldflags", "GoLdflags", "-X main.v=`touch CANARY`", null },
        { "semicolon command in ldflags", "GoLdflags", "-s; touch CANARY", null },
        { "&& command in ldflags", "GoLdflags", "-s && touch CANARY", null },
        { "pipe command in ldflags", "GoLdflags", "-s | touch CANARY", null },
        { "unbalanced single quote in ldflags", "GoLdflags", "-X main.v=it's", "GD1007" },
        { "closing shell quote in ldflags", "GoLdflags", "-X 'main.v=x' '; touch CANARY; '", null },
        { "command substitution in build flag value", "GoBuildFlags", "-tags=$(touch${IFS}CANARY)", null },
        { "backticks in build flag value", "GoBuildFlags", "-tags `touch${IFS}CANARY`", null },
        { "spaced command substitution in build flags", "GoBuildFlags", "-tags=$(touch CANARY)", "GD1042" },
        { "semicolon after build flag", "GoBuildFlags", "-v; touch CANARY", "GD1042" },
        { "&& after build flag", "GoBuildFlags", "-v && touch CANARY", "GD1042" },
        { "output redirect via -o", "GoBuildFlags", "-o /tmp/evil", "GD1042" },
        { "unclosed double quote in build flags", "GoBuildFlags", "-gcflags \"all=-N", "GD1042" },
        { "non-flag word in build flags", "GoBuildFlags", "touch CANARY", "GD1042" },
        { "semicolon in test flags", "GoTestFlags", "-v; touch CANARY", "GD1076" },
        { "command substitution in test flags", "GoTestFlags", "-run=$(touch CANARY)", "GD1076" },
        { "backticks in test flags", "GoTestFlags", "-run `touch CANARY`", "GD1076" },
        { "non-flag word in test flags", "GoTestFlags", "touch CANARY", "GD1076" },
        { "pipe as a word in test flags", "GoTestFlags", "-v | touch CANARY", "GD1076" },
        { "alternation in a -run pattern", "GoTestFlags", "-run 'TestA|TestB' -count=1", null },
        { "-json owned by the test stage", "GoTestFlags", "-json=false", "GD1076" },
        { "semicolon in test packages", "GoTestPackages", "./...;touch CANARY", "GD1075" },
        { "command substitution in test packages", "GoTestPackages", "./$(touch CANARY)", "GD1075" },
        { "flag as test package", "GoTestPackages", "-exec=touch", "GD1075" },
        { "command substitution as main package", "GoMainPackage", "$(touch CANARY)", "GD1043" },
        { "semicolon in main package", "GoMainPackage", "./cmd;touch CANARY", "GD1043" },
        { "flag as main package", "GoMainPackage", "-toolexec=touch", "GD1043" },
        { "parent folder escape in main package", "GoMainPackage", "../other", "GD1043" },
        { "space in main package", "GoMainPackage", "./cmd server", "GD1043" },
        { "dollar variable in GOPRIVATE", "GoPrivate", "example.com/${PATH}", null },
        { "trailing backslash continuing the ENV line", "GoPrivate", "example.com/x\\", "GD1003" },
        { "backslash and dollar in GOPROXY path", "GoProxy", "https://proxy.example/a\\b/$HOME", null },
        { "double quote closing the ENV value", "GoNoSumDb", "example.com/\" GOFLAGS=\"-toolexec=x", null },
        { "newline escape in GOFLAGS", "GoFlags", "-mod=mod \\\nRUN touch CANARY", "GD1007" },
        { "non-flag word in GOFLAGS", "GoFlags", "-mod=mod touch", "GD1004" },
        { "second instruction in base image", "GoBaseImage", "golang:1.22 AS x\nRUN touch CANARY", "GD1007" },
        { "stage alias in base image", "GoBaseImage", "golang:1.22 AS evil", "GD1010" },
        { "flag in base image", "GoBaseImage", "--platform=linux/amd64 golang:1.22", "GD1010" },
        { "latest tag", "GoBaseImage", "golang:latest", "GD1040" },
        { "untagged runtime image", "GoRuntimeImage", "alpine", "GD1040" },
        { "uppercase repository", "GoBaseImage", "Golang:1.22", "GD1010" },
        { "build arg expansion in image", "GoBaseImage", "${BASE}:1.22", "GD1010" },
        { "Cyrillic homoglyph in image", "GoBaseImage", "g\u043elang:1.22", "GD1010" },
        { "right-to-left override", "GoPrivate", "example.com/\u202Etxt.exe", "GD1007" },
        { "zero-width space", "GoProxy", "https://proxy\u200B.example", "GD1007" },
        { "emoji in ldflags", "GoLdflags", "-X main.v=\U0001F680", null },
        { "second line in syntax directive", "GoDockerfileSyntax", "docker/dockerfile:1\nFROM evil", "GD1007" },
        { "extra word in syntax directive", "GoDockerfileSyntax", "docker/dockerfile:1 evil", "GD1010" },
        { "flag after network", "GoDockerNetwork", "host --privileged", "GD1007" },
        { "semicolon in network", "GoDockerNetwork", "host;touch CANARY", "GD1007" },
        { "flag in platforms", "GoPlatforms", "linux/amd64 --output=/tmp", "GD1041" },
        { "variable as platform", "GoPlatforms", "$BUILDPLATFORM", "GD1041" },
        { "word that is not a boolean", "GoCgoEnabled", "maybe", "GD1007" },
        { "numeric enum value", "GoDownload", "3", "GD1008" },
        { "negative timeout", "GoVerifyTimeout", "-5", "GD1009" },
        { "NaN timeout", "GoVerifyTimeout", "NaN", "GD1009" },
        { "overflowing timeout", "GoVerifyTimeout", "1e309", "GD1009" },
        { "command after toolchain", "GoToolchain", "local; touch CANARY", "GD1005" },
        { "GitHub token in ldflags", "GoLdflags", "-X main.token=ghp_0123456789abcdefghijABCDEFGHIJ012345", "GD7002" },
        { "password in proxy URL", "GoProxy", "https://ci:hunter2@proxy.example.corp", "GD7001" },
        { "AWS key id in GOPRIVATE", "GoPrivate", "AKIAIOSFODNN7EXAMPLE", "GD7002" },
        { "missing context folder", "GoDockerContext", "does-not-exist", "GD1044" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_value_is_rejected_or_quoted(string injected, string property, string value, string? expectedCode)
    {
        Assert.NotNull(injected);
        using var fixture = new GoProjectFixture();
        var canary = Path.Combine(fixture.Root, "pwned");
        value = value.Replace(Canary, canary, StringComparison.Ordinal);
        fixture.Set(property, value);

        var exception = Record.Exception(() => fixture.Read());
        Assert.Null(exception);
        var (settings, diagnostics) = fixture.Read();

        if (expectedCode is not null)
        {
            var diagnostic = Assert.Single(diagnostics);
            Assert.Equal(expectedCode, diagnostic.Code);
            Assert.Equal(fixture.LineOf(property), diagnostic.Location?.Line);
            Assert.DoesNotContain('\n', diagnostic.Message);
            Assert.True(diagnostic.Message.Length < 1000, "the message echoes the whole value");
        }
        else
        {
            Assert.DoesNotContain(diagnostics, d => d.IsError);
        }

        // Whatever was accepted, the Dockerfile written from the settings is well-formed and runs nothing extra.
        var (inputs, planDiagnostics) = DockerfilePlanner.Plan(settings, GoModuleFactsFor(settings), GoProjectFixture.TestGeneratorVersion);
        Assert.DoesNotContain(planDiagnostics, d => d.IsError);
        var dockerfile = DockerfileWriter.Write(inputs!);
        var violations = DockerfileLint.Check(dockerfile);
        if (expectedCode == "GD1040")
        {
            // The unpinned image was only warned about, so only the matching hadolint rule fires, once per FROM of it
            // (a base image starts the prepare and deps stages).
            Assert.Equal(property == "GoBaseImage" ? 2 : 1, violations.Count(v => v.StartsWith("DL3006", StringComparison.Ordinal) || v.StartsWith("DL3007", StringComparison.Ordinal)));
            Assert.All(violations, v => Assert.True(v.StartsWith("DL3006", StringComparison.Ordinal) || v.StartsWith("DL3007", StringComparison.Ordinal), v));
            violations.Clear();
        }
        Assert.Empty(violations);
        if (RunStepShell.Available)
        {
            var calls = RunStepShell.Execute(dockerfile, fixture.ProjectDirectory);
            Assert.False(File.Exists(canary), "a value ran as a shell command: " + injected);
            var build = calls.Last(c => c.Command == "go" && c.Arguments.FirstOrDefault() == "build");
            if (property == "GoLdflags" && expectedCode is null)
            {
                Assert.Contains("-ldflags=" + value.Trim(), build.Arguments);
            }
        }
    }

    private static GoModuleFacts GoModuleFactsFor(Core.Projects.GoProjectSettings settings) =>
        GoModuleFacts.ReadAsync(settings.GoModFile, TestContext.Current.CancellationToken).GetAwaiter().GetResult().Facts!;
}
