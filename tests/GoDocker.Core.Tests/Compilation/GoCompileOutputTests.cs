using GoDocker.Core.Compilation;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Tests.Compilation;

/// <summary>
/// The build stage's output as Docker 20.10's BuildKit prints it (captured from real runs of the generated build step
/// on golang 1.19) becomes diagnostics at the .go file on the host, line and column.
/// </summary>
public class GoCompileOutputTests
{
    private const string Context = "/home/dev/svc";

    private const string CompileFailure = """
        #11 [build 1/2] COPY . /src/
        #11 sha256:d9cc4e1057d0325f0b23dbd6221f3d0912548f130ff7906608a39f940e9a64c8
        #11 DONE 0.0s

        #12 [build 2/2] RUN --mount=type=cache,id=godocker-go-mod-0123456789ab,target=/go/pkg/mod     --mount=type=cache,id=godocker-go-build-0123456789ab,target=/var/cache/go-build     CGO_ENABLED=0 go build -trimpath -o /opt/godocker/out/app .     && echo godocker-vet: && CGO_ENABLED=0 go vet ./...
        #12 sha256:a9d9173a1d38886c82bc869a4398e766a5b702809ce81b17cfd5d7e31b50cec2
        #12 0.246 # example.com/app/pkg
        #12 0.246 pkg/x.go:3:12: undefined: Foo
        #12 0.246 pkg/x.go:6:9: cannot use "s" (untyped string constant) as int value in return statement
        #12 ERROR: executor failed running [/bin/sh -c CGO_ENABLED=0 go build -trimpath -o /opt/godocker/out/app .     && echo godocker-vet: && CGO_ENABLED=0 go vet ./...]: exit code: 2
        ------
         > [build 2/2] RUN --mount=type=cache,id=godocker-go-mod-0123456789ab,target=/go/pkg/mod     CGO_ENABLED=0 go build -trimpath -o /opt/godocker/out/app .     && echo godocker-vet: && CGO_ENABLED=0 go vet ./...:
        #12 0.246 # example.com/app/pkg
        #12 0.246 pkg/x.go:3:12: undefined: Foo
        #12 0.246 pkg/x.go:6:9: cannot use "s" (untyped string constant) as int value in return statement
        ------
        executor failed running [/bin/sh -c CGO_ENABLED=0 go build -trimpath -o /opt/godocker/out/app .     && echo godocker-vet: && CGO_ENABLED=0 go vet ./...]: exit code: 2
        """;

    private const string VetFailure = """
        #12 [build 2/2] RUN CGO_ENABLED=0 go build -trimpath -o /opt/godocker/out/app .     && echo godocker-vet: && CGO_ENABLED=0 go vet ./...
        #12 sha256:f1713434f2a17247671967d90d9ec2b6a9c0283882d1bf8c80fa7dd81f136371
        #12 9.576 godocker-vet:
        #12 10.75 # example.com/app
        #12 10.75 ./main.go:10:2: fmt.Printf format %d has arg pkg.Name of wrong type string
        #12 ERROR: executor failed running [/bin/sh -c CGO_ENABLED=0 go build -trimpath -o /opt/godocker/out/app .     && echo godocker-vet: && CGO_ENABLED=0 go vet ./...]: exit code: 2
        ------
         > [build 2/2] RUN CGO_ENABLED=0 go build -trimpath -o /opt/godocker/out/app .     && echo godocker-vet: && CGO_ENABLED=0 go vet ./...:
        #12 9.576 godocker-vet:
        #12 10.75 # example.com/app
        #12 10.75 ./main.go:10:2: fmt.Printf format %d has arg pkg.Name of wrong type string
        ------
        """;

    [Fact]
    public void Compile_errors_are_GD8001_at_the_host_file_line_and_column_once_each_though_the_error_block_repeats_them()
    {
        var diagnostics = GoCompileOutput.Parse(CompileFailure, new GoSourceMap(Context, "."));

        Assert.Collection(diagnostics,
            d => AssertAt(d, "GD8001", Path.Combine(Context, "pkg", "x.go"), 3, 12, "undefined: Foo"),
            d => AssertAt(d, "GD8001", Path.Combine(Context, "pkg", "x.go"), 6, 9, "cannot use \"s\" (untyped string constant) as int value in return statement"));
        Assert.StartsWith(Path.Combine(Context, "pkg", "x.go") + "(3,12): error GD8001: undefined: Foo", diagnostics[0].ToString());
    }

    [Fact]
    public void Lines_after_the_vet_marker_are_GD8002_vet_findings()
    {
        var d = Assert.Single(GoCompileOutput.Parse(VetFailure, new GoSourceMap(Context, ".")));

        AssertAt(d, "GD8002", Path.Combine(Context, "main.go"), 10, 2, "fmt.Printf format %d has arg pkg.Name of wrong type string");
        Assert.Contains("GoVet", d.Message);
    }

    [Fact]
    public void A_module_in_a_subfolder_of_the_context_maps_relative_and_src_absolute_paths_back_under_it()
    {
        var map = new GoSourceMap(Context, "services/api");
        var output = "#9 0.5 ./main.go:7:2: undefined: x\n#9 0.5 internal/db/db.go:12: missing return\n#9 0.5 /src/lib/util.go:1:1: expected 'package', found 'EOF'\n";

        var diagnostics = GoCompileOutput.Parse(output, map);

        Assert.Collection(diagnostics,
            d => AssertAt(d, "GD8001", Path.Combine(Context, "services", "api", "main.go"), 7, 2, "undefined: x"),
            d => AssertAt(d, "GD8001", Path.Combine(Context, "services", "api", "internal", "db", "db.go"), 12, 0, "missing return"),
            d => AssertAt(d, "GD8001", Path.Combine(Context, "lib", "util.go"), 1, 1, "expected 'package', found 'EOF'"));
    }

    [Fact]
    public void A_file_outside_the_context_keeps_its_container_path_in_the_message_and_no_host_position()
    {
        var d = Assert.Single(GoCompileOutput.Parse("#9 0.5 /usr/local/go/src/fmt/print.go:3:1: broken\n", new GoSourceMap(Context, ".")));

        Assert.Equal("GD8001", d.Code);
        Assert.Null(d.Location);
        Assert.StartsWith("/usr/local/go/src/fmt/print.go:3:1: broken", d.Message);
    }

    [Fact]
    public void Type_error_detail_lines_join_their_error_and_too_many_errors_is_the_GD8004_warning()
    {
        var output = string.Join('\n',
            "#12 0.4 # example.com/app",
            "#12 0.4 ./main.go:9:14: cannot use s (variable of type S) as I value in variable declaration: S does not implement I (wrong type for method M)",
            "#12 0.4 \t\thave M() int",
            "#12 0.4 \t\twant M() string",
            "#12 0.4 ./main.go:30:2: too many errors");

        var diagnostics = GoCompileOutput.Parse(output, new GoSourceMap(Context, "."));

        Assert.Equal(2, diagnostics.Length);
        Assert.EndsWith("(wrong type for method M) have M() int want M() string. go build in the build stage reported this at this line: fix the Go code here and build again.", diagnostics[0].Message);
        Assert.Equal("GD8004", diagnostics[1].Code);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics[1].Severity);
        Assert.Equal(30, diagnostics[1].Location?.Line);
    }

    [Fact]
    public void Output_without_a_position_gives_no_finding_and_its_tail_quotes_the_cause()
    {
        const string output = """
            #12 [build 2/2] RUN CGO_ENABLED=0 go build -trimpath -o /opt/godocker/out/app ./cmd/missing
            #12 sha256:0d1f4c1e5c2a4f1b9f3a5e7d8c6b4a29180f7e6d5c4b3a291807f6e5d4c3b2a1
            #12 0.310 no Go files in /src/cmd/missing
            #12 ERROR: executor failed running [/bin/sh -c CGO_ENABLED=0 go build -trimpath -o /opt/godocker/out/app ./cmd/missing]: exit code: 1
            """;

        Assert.Empty(GoCompileOutput.Parse(output, new GoSourceMap(Context, ".")));
        Assert.Contains("no Go files in /src/cmd/missing", GoCompileOutput.Tail(output));
        Assert.DoesNotContain("sha256:", GoCompileOutput.Tail(output));
    }

    private static void AssertAt(Diagnostic d, string code, string file, int line, int column, string message)
    {
        Assert.Equal(code, d.Code);
        Assert.Equal(new SourceLocation(file, line, column), d.Location);
        Assert.Contains(message, d.Message);
    }
}
