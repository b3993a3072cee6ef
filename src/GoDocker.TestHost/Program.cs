using GoDocker.TestHost;
using Microsoft.Testing.Platform.Builder;
using Microsoft.Testing.Platform.Capabilities.TestFramework;

// dotnet test runs RunCommand RunArguments plus its own options (--server dotnettestcli --dotnet-test-pipe …);
// Microsoft.Testing.Platform speaks dotnet test's protocol, this program only adds the Go test framework.
var arguments = GoTestHostArguments.Parse(args);
if (arguments.RequestPath is null || arguments.ProjectPath is null)
{
    Console.Error.WriteLine($"GoDocker.TestHost runs the Go tests of a .goproj for dotnet test: {GoTestHostArguments.RequestOption} <file> and {GoTestHostArguments.ProjectOption} <project> are missing (the .goproj's ComputeRunArguments passes them).");
    return 1;
}
var builder = await TestApplication.CreateBuilderAsync(arguments.PlatformArgs);
builder.RegisterTestFramework(_ => new TestFrameworkCapabilities(),
    (_, services) => new GoTestFramework(arguments.RequestPath, arguments.ProjectPath, arguments.PlatformArgs.Contains("--results-directory"), services));
using var app = await builder.BuildAsync();
return await app.RunAsync();
