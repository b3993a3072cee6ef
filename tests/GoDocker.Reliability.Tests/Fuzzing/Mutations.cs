using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace GoDocker.Reliability.Tests.Fuzzing;

/// <summary>FsCheck generators of faults for go.mod, go.work and go.sum files, drawn from what breaks real files.</summary>
public static class Mutations
{
    public static Gen<double> Position { get; } = Gen.Choose(0, 999_999).Select(i => i / 1_000_000.0);

    /// <summary>Tokens of the go.mod grammar and the go.sum line shape, and whitespace that changes line structure.</summary>
    public static IReadOnlyList<string> SyntaxTokens { get; } =
    [
        "(", ")", "((", "))", "\"", "`", "\\", "\"\\", "//", "/*", "*/", "\n", "\r\n", "\r", "\t", " ", "=>", "=> ./x",
        "module", "go", "toolchain", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore", "use",
        "require (", "replace (\n", "retract [", "]", ",", "[v1.0.0, v1.9.9]", "v1.2.3", "v0.0.0-20200101000000-abcdefabcdef",
        "+incompatible", "/go.mod", "v2", "h1:", "h1:AAAA=", "go1.22rc1", "1.", "default=go1.21", "=", "// indirect",
        "example.com/m", "./local", "../up", "/abs", "C:\\win", "\"quoted path\"", "`raw`", "\"\\u00e9\"", "\"\\xff\"",
    ];

    /// <summary>Bytes no text editor should write but that reach parsers anyway: NUL, BOMs, invalid and overlong UTF-8.</summary>
    public static IReadOnlyList<byte[]> HostileBytes { get; } =
    [
        [0x00], [0xFF], [0xFE, 0xFF], [0xEF, 0xBB, 0xBF], [0x80], [0xC0, 0x80], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x80, 0xA8], [0xE2, 0x80, 0xA9], [0xC2, 0x85], [0xC2, 0xA0], [0x0B], [0x0C],
        [0x1B, 0x5B, 0x33, 0x31, 0x6D], Encoding.UTF8.GetBytes("é"), Encoding.UTF8.GetBytes("\U0001F600"),
    ];

    public static Gen<Edit> Truncation { get; } = Position.Select(Edit (p) => new Truncate(p));

    public static Gen<Edit> Deletion { get; } =
        from p in Position from n in Gen.Frequency((3, Gen.Choose(1, 4)), (1, Gen.Choose(5, 200))) select (Edit)new DeleteSpan(p, n);

    public static Gen<Edit> TokenInsertion { get; } =
        from p in Position from t in Gen.Elements(SyntaxTokens.ToArray()) select (Edit)new Insert(p, Encoding.UTF8.GetBytes(t));

    public static Gen<Edit> HostileInsertion { get; } =
        from p in Position from b in Gen.Elements(HostileBytes.ToArray()) select (Edit)new Insert(p, b);

    public static Gen<Edit> ByteOverwrite { get; } =
        from p in Position from b in Gen.Choose(0, 255) select (Edit)new Overwrite(p, (byte)b);

    public static Gen<Edit> LineShuffle { get; } =
        from p in Position from o in Position from k in Gen.Elements(Enum.GetValues<LineEditKind>()) select (Edit)new LineEdit(p, o, k);

    public static Gen<Edit> AnyEdit { get; } = Gen.OneOf(Truncation, Deletion, TokenInsertion, HostileInsertion, ByteOverwrite, LineShuffle);

    /// <summary>A corpus file with between <paramref name="min"/> and <paramref name="max"/> faults of one kind.</summary>
    public static Arbitrary<MutatedFile> Of(IReadOnlyDictionary<string, byte[]> corpus, Gen<Edit> edit, int min = 1, int max = 1) =>
        (from name in Gen.Elements(corpus.Keys.Order(StringComparer.Ordinal).ToArray())
         from n in Gen.Choose(min, max)
         from edits in Gen.ArrayOf(edit, n)
         select new MutatedFile(name, edits, corpus[name])).ToArbitrary();

    /// <summary>Arbitrary byte strings, weighted towards the bytes that matter to a line-oriented grammar.</summary>
    public static Arbitrary<byte[]> ArbitraryBytes { get; } =
        Gen.Choose(0, 400).SelectMany(n => Gen.ArrayOf(
            Gen.Frequency(
                (4, Gen.Choose(0, 255).Select(b => (byte)b)),
                (3, Gen.Elements("()\"`/\\\n\r\t =>,[]+:.-_v0123456789abcmodulegorequireplace".Select(c => (byte)c).ToArray()))),
            n)).ToArbitrary();

    /// <summary>Files written line by line from directive verbs and argument tokens, valid or not.</summary>
    public static Arbitrary<string> DirectiveLines(IReadOnlyList<string> verbs)
    {
        var args = Gen.Elements(
            "example.com/m", "example.com/m/v2", "golang.org/x/text", "./local", "../up", "\"example.com/q\"", "`example.com/r`",
            "v1.0.0", "v2.0.0+incompatible", "v1.2.3-pre", "v0.0.0-20200101000000-abcdefabcdef", "1.21", "1.21.0", "go1.22",
            "=>", "//", "// indirect", "(", ")", "[", "]", ",", "v1.0.0,", "default=go1.21", "x=y", "", "\"", "latest", "master",
            "v1", "é", "EXAMPLE.COM/M", "example.com/m@v1.0.0", "-x", "*", "...", "h1:AAAA=");
        var line =
            from verb in Gen.Elements(verbs.ToArray())
            from n in Gen.Choose(0, 5)
            from a in Gen.ArrayOf(args, n)
            from indent in Gen.Elements("", "\t", "  ")
            select indent + string.Join(" ", a.Prepend(verb));
        var block =
            from verb in Gen.Elements(verbs.ToArray())
            from n in Gen.Choose(0, 4)
            from inner in Gen.ArrayOf(line, n)
            from close in Gen.Elements(")", "", ") )", "(")
            select $"{verb} (\n{string.Join("\n", inner)}\n{close}";
        return Gen.Choose(0, 12)
            .SelectMany(n => Gen.ArrayOf(Gen.Frequency((4, line), (1, block)), n))
            .Select(lines => string.Join("\n", lines) + "\n")
            .ToArbitrary();
    }
}
