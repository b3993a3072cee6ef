namespace GoDocker.Core.Projects;

/// <summary>Where the SDK keeps its generated files inside a project, so every front end finds the same ones.</summary>
public static class ProjectLayout
{
    /// <summary>The SDK's folder under the intermediate output path (obj/), holding the Dockerfile, stamps and staged files.</summary>
    public const string IntermediateFolder = "godocker";

    /// <summary>The intermediate folder of a project evaluated without MSBuild (the tool's environment mode).</summary>
    public static string DefaultIntermediateDirectory(string projectDirectory) =>
        Path.Combine(projectDirectory, "obj", IntermediateFolder);

    /// <summary>Where files from outside the context (CA certificates, known_hosts) are staged for COPY.</summary>
    public static string StagingDirectory(string projectDirectory) =>
        Path.Combine(DefaultIntermediateDirectory(projectDirectory), "context");

    public static string DefaultDockerfile(string projectDirectory) =>
        Path.Combine(DefaultIntermediateDirectory(projectDirectory), "Dockerfile");

    /// <summary>The hash of everything besides go.mod and go.sum that the download depends on, beside the Dockerfile.</summary>
    public static string InputsHashFile(string dockerfilePath) => dockerfilePath + ".inputs";
}
