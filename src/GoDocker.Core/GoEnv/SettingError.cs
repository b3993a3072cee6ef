using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.GoEnv;

/// <summary>
/// A Go setting the go command would reject (or, for patterns, silently ignore): which variable, its value,
/// and the go command's own error text. Turned into a catalog diagnostic where the caller knows the position.
/// </summary>
public sealed record SettingError(DiagnosticDescriptor Descriptor, string Variable, string Value, string Message)
{
    public Diagnostic ToDiagnostic(SourceLocation? location = null) =>
        Descriptor.Create(location, Variable, Value, Message);
}
