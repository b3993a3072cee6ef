using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoMod;
using GoDocker.Core.Modules;

namespace GoDocker.Core.GoSum;

/// <summary>
/// One line of go.sum: <c>path version[/go.mod] hash</c>, with where each field stands (1-based line, rune columns).
/// </summary>
public sealed record GoSumLine(string Path, string Version, string Hash, int Line, ModSpan PathSpan, ModSpan VersionSpan, ModSpan HashSpan)
{
    /// <summary>Whether this line sums the module's go.mod file (version ends in "/go.mod") rather than its zip.</summary>
    public bool IsGoMod => Version.EndsWith("/go.mod", StringComparison.Ordinal);

    /// <summary>The module version without the "/go.mod" suffix.</summary>
    public string ModuleVersion => IsGoMod ? Version[..^"/go.mod".Length] : Version;

    /// <summary>Where the whole line stands, for a diagnostic.</summary>
    public SourceLocation Location(string file) =>
        new(file, Line, PathSpan.Start.LineRune, HashSpan.End.Line, HashSpan.End.LineRune);

    public override string ToString() => $"{Path} {Version} {Hash}";
}

/// <summary>A go.sum line the go command refuses, with its wording.</summary>
public sealed record GoSumError(string FileName, int Line, int FieldCount)
{
    /// <summary>What the go command prints (after its "go: " prefix).</summary>
    public string Message => $"malformed go.sum:\n{FileName}:{Line}: wrong number of fields {FieldCount}";

    public Diagnostic ToDiagnostic(string? path = null) =>
        DiagnosticCatalog.GoSumMalformed.Create(new SourceLocation(path ?? FileName, Line, 1), Message);
}

/// <summary>The only exception <see cref="GoSumFile.Parse(string, string)"/> throws.</summary>
public sealed class GoSumParseException(IReadOnlyList<GoSumError> errors)
    : Exception(string.Join("\n", errors.Select(e => e.Message)))
{
    public IReadOnlyList<GoSumError> Errors { get; } = errors;

    public IReadOnlyList<Diagnostic> ToDiagnostics(string? path = null) => Errors.Select(e => e.ToDiagnostic(path)).ToList();
}

/// <summary>A go.sum file read as cmd/go's readGoSum reads it.</summary>
public sealed class GoSumFile
{
    /// <summary>The hash the go command once wrote for a 0-length go.mod; it drops such lines when reading.</summary>
    public const string EmptyGoModHash = "h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=";

    private readonly Dictionary<(string Path, string Version), List<GoSumLine>> byKey = [];

    private GoSumFile(string fileName, IReadOnlyList<GoSumLine> lines, IReadOnlyList<GoSumError> errors)
    {
        FileName = fileName;
        Lines = lines;
        Errors = errors;
        foreach (var l in lines)
        {
            if (!byKey.TryGetValue((l.Path, l.Version), out var list)) byKey[(l.Path, l.Version)] = list = [];
            list.Add(l);
        }
    }

    public string FileName { get; }
    /// <summary>The kept lines in file order (blank lines, malformed lines and the old empty-go.mod hash are left out).</summary>
    public IReadOnlyList<GoSumLine> Lines { get; }
    /// <summary>Malformed lines; the go command stops at the first (except in 'go mod tidy', which skips them).</summary>
    public IReadOnlyList<GoSumError> Errors { get; }

    /// <summary>The full path of the go.sum that belongs to <paramref name="goModFile"/>: the one beside it, as the go command reads.</summary>
    public static string PathBeside(string goModFile) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(goModFile)) ?? ".", "go.sum");

    /// <summary>Reads go.sum and throws <see cref="GoSumParseException"/> when a line is malformed, as the go command fails.</summary>
    public static GoSumFile Parse(string fileName, string data)
    {
        var f = ParseLenient(fileName, data);
        if (f.Errors.Count > 0) throw new GoSumParseException(f.Errors);
        return f;
    }

    public static GoSumFile Parse(string fileName, byte[] data) => Parse(fileName, GoUnicode.FromBytes(data));

    /// <summary>Reads go.sum, collecting malformed lines in <see cref="Errors"/> instead of failing (what 'go mod tidy' does).</summary>
    public static GoSumFile ParseLenient(string fileName, string data)
    {
        var lines = new List<GoSumLine>();
        var errors = new List<GoSumError>();
        var lineno = 0;
        var pos = 0;
        var nextLineByte = 0;
        while (pos < data.Length)
        {
            lineno++;
            var nl = data.IndexOf('\n', pos);
            var line = nl < 0 ? data[pos..] : data[pos..nl];
            pos = nl < 0 ? data.Length : nl + 1;
            var ascii = System.Text.Ascii.IsValid(line);
            var lineByte = nextLineByte;
            nextLineByte += (ascii ? line.Length : System.Text.Encoding.UTF8.GetByteCount(line)) + 1;
            var fields = Fields(line);
            if (fields.Count == 0) continue;
            if (fields.Count != 3)
            {
                errors.Add(new GoSumError(fileName, lineno, fields.Count));
                continue;
            }
            if (fields[2].Text == EmptyGoModHash) continue;
            ModSpan Span((string Text, int Start) f)
            {
                // Columns count runes; for the usual ASCII line that is the UTF-16 index.
                var startRune = (ascii ? f.Start : line.AsSpan(0, f.Start).ToString().EnumerateRunes().Count()) + 1;
                var endRune = startRune + (ascii ? f.Text.Length : f.Text.EnumerateRunes().Count());
                var startByte = lineByte + (ascii ? f.Start : System.Text.Encoding.UTF8.GetByteCount(line.AsSpan(0, f.Start)));
                var endByte = startByte + (ascii ? f.Text.Length : System.Text.Encoding.UTF8.GetByteCount(f.Text));
                return new ModSpan(new ModPosition(lineno, startRune, startByte), new ModPosition(lineno, endRune, endByte));
            }
            lines.Add(new GoSumLine(fields[0].Text, fields[1].Text, fields[2].Text, lineno, Span(fields[0]), Span(fields[1]), Span(fields[2])));
        }
        return new GoSumFile(fileName, lines, errors);
    }

    private static List<(string Text, int Start)> Fields(string line)
    {
        var fields = new List<(string, int)>();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && GoUnicodeSpace(line[i])) i++;
            var start = i;
            while (i < line.Length && !GoUnicodeSpace(line[i])) i++;
            if (i > start) fields.Add((line[start..i], start));
        }
        return fields;
    }

    private static bool GoUnicodeSpace(char c) => c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u0085' or '\u00A0' || (c > 0xFF && char.IsWhiteSpace(c));

    /// <summary>
    /// The first line for <paramref name="path"/> at <paramref name="version"/> (its go.mod line when <paramref name="isGoMod"/>).
    /// The path and version may arrive escaped as in proxy URLs (<c>!x</c>, <c>%21x</c>).
    /// </summary>
    public GoSumLine? Find(string path, string version, bool isGoMod)
    {
        var versionKey = isGoMod && !version.EndsWith("/go.mod", StringComparison.Ordinal) ? version + "/go.mod" : version;
        foreach (var p in GoModFile.PathCandidates(path))
        {
            foreach (var v in VersionCandidates(versionKey))
                if (byKey.TryGetValue((p, v), out var list)) return list[0];
        }
        return null;
    }

    /// <summary>Every hash recorded for <paramref name="path"/> at <paramref name="version"/> (use "vX/go.mod" for the go.mod sum).</summary>
    public IReadOnlyList<string> Hashes(string path, string version) =>
        byKey.TryGetValue((path, version), out var list) ? list.Select(l => l.Hash).ToList() : [];

    private static IEnumerable<string> VersionCandidates(string version)
    {
        yield return version;
        if (version.Contains('!') && ModulePath.TryUnescapeVersion(version.Replace("/go.mod", ""), out var v, out _))
            yield return version.EndsWith("/go.mod", StringComparison.Ordinal) ? v + "/go.mod" : v;
    }

    /// <summary>The number of distinct module paths with a line in the file.</summary>
    public int ModuleCount => Lines.Select(l => l.Path).Distinct().Count();
}
