using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.GoEnv;

/// <summary>
/// The outcome of reading one Go setting: the value as the go command would use it, and the errors it would
/// report. Parsing never throws so that callers can attach the position of the property or env file line.
/// </summary>
public sealed record SettingParseResult<T>(T Value, IReadOnlyList<SettingError> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public IReadOnlyList<Diagnostic> ToDiagnostics(SourceLocation? location = null) =>
        Errors.Select(e => e.ToDiagnostic(location)).ToArray();
}

internal static class SettingParseResult
{
    public static SettingParseResult<T> Ok<T>(T value) => new(value, Array.Empty<SettingError>());

    public static SettingParseResult<T> Fail<T>(T value, params SettingError[] errors) => new(value, errors);
}
