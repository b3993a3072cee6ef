using GoDocker.TestHost;
using Microsoft.Testing.Platform.Builder;
using Microsoft.Testing.Platform.Capabilities.TestFramework;

// dotnet test runs RunCommand RunArguments plus its own options (--server dotnettestcli --dotnet-test-pipe …);
// Microsoft.Testing.Platform speaks dotnet test's protocol, this program only adds the Go test framework.
var (requestPath, platformArgs) = GoTestHostArguments.Split(args);
if (requestPath is null)
{
    Console.Error.WriteLine($"GoDocker.TestHost runs the Go tests of a .goproj for dotnet test: {GoTestHostArguments.RequestOption} <file> is missing (the .goproj's build writes it).");
    return 1;
}
var builder = await TestApplication.CreateBuilderAsync(platformArgs);
builder.RegisterTestFramework(_ => new TestFrameworkCapabilities(), (_, services) => new GoTestFramework(requestPath, platformArgs.Contains("--results-directory"), services));
using var app = await builder.BuildAsync();
return await app.RunAsync();
