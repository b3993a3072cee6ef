namespace GoDocker.Core.Testing;

/// <summary>A <c>file:line:col: message</c> line of the compiler or vet, with the path as go printed it.</summary>
public sealed record GoCompilerMessage(string File, int Line, int Column, string Message);
