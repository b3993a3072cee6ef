using GoDocker.Sdk.Tests.Infrastructure;

// The SDK and tool are packed once for the whole run.
[assembly: AssemblyFixture(typeof(SdkPackages))]
