using GoDocker.Core.Projects;
using GoDocker.Core.Testing;

namespace GoDocker.Core.Tests.Testing;

public sealed class GoTestApplicationRequestTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("godocker-request-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_test_application_reads_back_the_project_the_build_wrote()
    {
        var input = new GoProjectInput("/src/app/app.goproj")
        {
            Properties = new Dictionary<string, string> { ["GoTestFlags"] = "-run=TestA -count=1", ["GoProxy"] = "http://127.0.0.1:1/" },
            CaCertificates = ["/certs/ca.pem"],
            BuildSecrets = [new ProjectItem("netrc", name => name == "File" ? "/home/u/.netrc" : null)],
            EnvironmentVariables = [new ProjectItem("CGO_ENABLED", name => name == "Value" ? "0" : null)],
        };
        var path = Path.Combine(_directory, "obj", "godocker", "test-application.json");

        new GoTestApplicationRequest(input, "/src/app/TestResults", "/pkg/tools/gateway/GoDocker.ProxyGateway.dll").Write(path);
        var read = GoTestApplicationRequest.Read(path);

        Assert.Equal("/src/app/app.goproj", read.Input.ProjectPath);
        Assert.Equal("-run=TestA -count=1", read.Input.Properties["gotestflags"]);
        Assert.Equal(["/certs/ca.pem"], read.Input.CaCertificates);
        Assert.Equal("/home/u/.netrc", Assert.Single(read.Input.BuildSecrets).Metadata("File"));
        Assert.Null(read.Input.BuildSecrets[0].Metadata("Env"));
        Assert.Equal("0", Assert.Single(read.Input.EnvironmentVariables).Metadata("Value"));
        Assert.Equal("/src/app/TestResults", read.ResultsDirectory);
        Assert.Equal("/pkg/tools/gateway/GoDocker.ProxyGateway.dll", read.GatewayAssembly);
    }

    [Fact]
    public void A_file_that_is_not_a_request_is_invalid_data()
    {
        var path = Path.Combine(_directory, "bad.json");
        File.WriteAllText(path, "not json");

        Assert.Throws<InvalidDataException>(() => GoTestApplicationRequest.Read(path));
    }
}
