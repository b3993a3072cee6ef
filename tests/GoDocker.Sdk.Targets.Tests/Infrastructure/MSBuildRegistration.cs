using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;

namespace GoDocker.Sdk.Targets.Tests.Infrastructure;

/// <summary>
/// Loads the MSBuild of the .NET SDK that `dotnet build` uses here. It must run before any MSBuild type is touched,
/// so it runs when the test assembly loads; this type itself names none of them.
/// </summary>
internal static class MSBuildRegistration
{
    [ModuleInitializer]
    internal static void Register()
    {
        if (!MSBuildLocator.IsRegistered)
        {
            MSBuildLocator.RegisterDefaults();
        }
    }
}
