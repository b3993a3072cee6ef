using GoDocker.Core.Modules;

namespace GoDocker.Core.GoMod;

public sealed partial class GoModFile
{
    /// <summary>
    /// The statements of a go.mod whose versions the go command rejects (<c>v1.2.0.1</c>, <c>v9.9.9</c> on a v1 path):
    /// module, go, require and replace lines taken from the syntax alone, their versions unchecked. Diagnostics about
    /// exactly those lines need them; only a file that is not go.mod syntax at all throws.
    /// </summary>
    public static GoModFile ParseSyntaxOnly(string fileName, string data)
    {
        var f = new GoModFile { Syntax = ModSyntaxParser.Parse(fileName, data) };
        foreach (var statement in f.Syntax.Stmt)
        {
            switch (statement)
            {
                case ModLine { Token.Count: > 0 } line:
                    f.Recover(line, line.Token![0], 1);
                    break;
                case ModLineBlock block when block.Token.Count == 1:
                    foreach (var line in block.Line)
                    {
                        f.Recover(line, block.Token[0], 0);
                    }
                    break;
            }
        }
        return f;
    }

    private void Recover(ModLine line, string verb, int argStart)
    {
        var tokens = line.Token!;
        string? Arg(int k) => argStart + k < tokens.Count && ModRules.ParseString(tokens, argStart + k, out var s) is null ? s : null;
        switch (verb)
        {
            case "module" when Module is null && Arg(0) is { } path:
                Module = new ModModule { Syntax = line, Mod = new(path, "") };
                break;
            case "go" when Go is null && Arg(0) is { } version:
                Go = new ModGo { Syntax = line, Version = version };
                break;
            case "require" when Arg(0) is { } path:
                Require.Add(new ModRequire { Mod = new(path, Arg(1) ?? ""), Syntax = line, Indirect = ModRequire.IsIndirect(line) });
                break;
            case "replace":
                var arrow = tokens.IndexOf("=>", argStart);
                if (arrow > argStart && Arg(0) is { } old && Arg(arrow - argStart + 1) is { } target)
                {
                    var oldVersion = arrow - argStart == 2 ? Arg(1) ?? "" : "";
                    Replace.Add(new ModReplace { Old = new(old, oldVersion), New = new(target, Arg(arrow - argStart + 2) ?? ""), Syntax = line });
                }
                break;
        }
    }
}
