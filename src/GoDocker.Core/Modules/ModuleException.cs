namespace GoDocker.Core.Modules;

/// <summary>A module path, version, hash or zip rule was violated; Message is the go command's own wording.</summary>
public class ModuleException : Exception
{
    public ModuleException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>A module path@version pair failed module.Check or is not canonical.</summary>
public sealed class InvalidModuleVersionException : ModuleException
{
    public InvalidModuleVersionException(string message) : base(message) { }
}
