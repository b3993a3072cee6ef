using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Downloads;

/// <summary>The docker build arguments that run only the deps stage of the generated Dockerfile.</summary>
public static class DepsStageBuildArguments
{
    public static IReadOnlyList<string> For(GoProjectSettings settings, string dockerfilePath)
    {
        var args = new List<string> { "--target", DockerfileWriter.DepsStage, "--progress=plain", "-f", dockerfilePath };
        if (settings.DockerNetwork.Length > 0)
        {
            args.Add("--network");
            args.Add(settings.DockerNetwork);
        }
        args.Add(settings.DockerContext);
        return args;
    }
}
