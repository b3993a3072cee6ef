using GoDocker.Core.Diagnostics;
using GoDocker.Core.Downloads;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Classification;

/// <summary>
/// The download stage's classifier: the full rule set over a project's go.mod, go.sum and project file. Diagnostics
/// that name no line (an unrecognized failure) point at go.mod, so MSBuild and IDEs list them under the project.
/// </summary>
public sealed class ProjectOutputClassifier(GoOutputClassifier classifier) : IDownloadFailureClassifier
{
    public ProjectOutputClassifier()
        : this(GoOutputClassifier.Default)
    {
    }

    public IReadOnlyList<Diagnostic> Classify(string output, GoProjectSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return classifier.Classify(output, ProjectDiagnosticPositions.For(settings))
            .Select(d => d.Location is null ? d.At(SourceLocation.Of(settings.GoModFile)) : d)
            .ToList();
    }
}
