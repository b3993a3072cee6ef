using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Downloads;

/// <summary>Turns the output of a failed download (go or docker build) into diagnostics at the lines to change.</summary>
public interface IDownloadFailureClassifier
{
    IReadOnlyList<Diagnostic> Classify(string output, GoProjectSettings settings);
}
