using System.Globalization;
using System.Text;
using GoDocker.Core.Modules;

namespace GoDocker.Core.GoMod;

/// <summary>
/// What <c>go mod edit -json</c> prints for a go.mod: the same fields, order, omissions, tab indentation and string escaping.
/// The fields depend on the Go release: toolchain came in 1.21, godebug in 1.23, tool in 1.24, ignore in 1.25.
/// </summary>
public static class ModFileJson
{
    /// <summary>The newest Go minor release whose output shape this class knows.</summary>
    public const int LatestGoMinor = 25;

    /// <summary>The JSON <c>go1.&lt;goMinor&gt; mod edit -json</c> prints for <paramref name="file"/>, ending in a newline.</summary>
    public static string Format(GoModFile file, int goMinor = LatestGoMinor)
    {
        var w = new Writer(goMinor);
        w.Open('{');
        w.Key("Module");
        w.Open('{');
        w.Key("Path");
        w.String(file.Module?.Mod.Path ?? "");
        if (file.Module is { Deprecated.Length: > 0 } m)
        {
            w.Key("Deprecated");
            w.String(m.Deprecated);
        }
        w.Close('}');
        if (file.Go is { Version.Length: > 0 } go)
        {
            w.Key("Go");
            w.String(go.Version);
        }
        if (goMinor >= 21 && file.Toolchain is { Name.Length: > 0 } tc)
        {
            w.Key("Toolchain");
            w.String(tc.Name);
        }
        if (goMinor >= 23)
        {
            var godebug = file.Godebug.Where(g => g.Key.Length > 0).ToList();
            if (godebug.Count > 0)
            {
                w.Key("Godebug");
                w.Array(godebug, g =>
                {
                    w.Key("Key");
                    w.String(g.Key);
                    w.Key("Value");
                    w.String(g.Value);
                });
            }
        }

        // go mod edit runs SortBlocks and Cleanup first: cleared entries and duplicate excludes/replacements/tools vanish.
        var require = file.Require.Where(r => r.Mod.Path.Length > 0).ToList();
        w.Key("Require");
        w.ArrayOrNull(require, r =>
        {
            w.Key("Path");
            w.String(r.Mod.Path);
            if (r.Mod.Version.Length > 0)
            {
                w.Key("Version");
                w.String(r.Mod.Version);
            }
            if (r.Indirect)
            {
                w.Key("Indirect");
                w.Raw("true");
            }
        });

        var seenExclude = new HashSet<ModuleVersion>();
        var exclude = file.Exclude.Where(x => x.Mod.Path.Length > 0 && seenExclude.Add(x.Mod)).ToList();
        w.Key("Exclude");
        w.ArrayOrNull(exclude, x => w.ModuleVersionFields(x.Mod));

        var seenReplace = new HashSet<ModuleVersion>();
        var replace = file.Replace.Where(r => r.Old.Path.Length > 0).Reverse().Where(r => seenReplace.Add(r.Old)).Reverse().ToList();
        w.Key("Replace");
        w.ArrayOrNull(replace, r =>
        {
            w.Key("Old");
            w.Open('{');
            w.ModuleVersionFields(r.Old);
            w.Close('}');
            w.Key("New");
            w.Open('{');
            w.ModuleVersionFields(r.New);
            w.Close('}');
        });

        var retract = file.Retract.Where(r => r.Low.Length > 0 || r.High.Length > 0).ToList();
        w.Key("Retract");
        w.ArrayOrNull(retract, r =>
        {
            if (r.Low.Length > 0) { w.Key("Low"); w.String(r.Low); }
            if (r.High.Length > 0) { w.Key("High"); w.String(r.High); }
            if (r.Rationale.Length > 0) { w.Key("Rationale"); w.String(r.Rationale); }
        });

        if (goMinor >= 24)
        {
            var seenTool = new HashSet<string>();
            var tools = file.Tool.Where(t => t.Path.Length > 0 && seenTool.Add(t.Path)).ToList();
            w.Key("Tool");
            w.ArrayOrNull(tools, t => { w.Key("Path"); w.String(t.Path); });
        }
        if (goMinor >= 25)
        {
            var seenIgnore = new HashSet<string>();
            var ignores = file.Ignore.Where(t => t.Path.Length > 0 && seenIgnore.Add(t.Path)).ToList();
            w.Key("Ignore");
            w.ArrayOrNull(ignores, t => { w.Key("Path"); w.String(t.Path); });
        }
        w.Close('}');
        return w.ToString() + "\n";
    }

    /// <summary>encoding/json's MarshalIndent(v, "", "\t") writer, including its HTML-safe string escaping.</summary>
    private sealed class Writer(int goMinor)
    {
        private readonly StringBuilder sb = new();
        private int depth;
        private bool first = true;

        public override string ToString() => sb.ToString();

        private void BeforeValue()
        {
            if (!first) sb.Append(',');
            sb.Append('\n').Append('\t', depth);
            first = false;
        }

        public void Open(char c)
        {
            if (depth > 0 && !pendingKey) BeforeValue();
            pendingKey = false;
            sb.Append(c);
            depth++;
            first = true;
        }

        public void Close(char c)
        {
            depth--;
            if (!first) sb.Append('\n').Append('\t', depth);
            sb.Append(c);
            first = false;
        }

        private bool pendingKey;

        public void Key(string name)
        {
            BeforeValue();
            AppendString(name);
            sb.Append(": ");
            pendingKey = true;
        }

        public void String(string s)
        {
            pendingKey = false;
            AppendString(s);
        }

        public void Raw(string s)
        {
            pendingKey = false;
            sb.Append(s);
        }

        public void ModuleVersionFields(ModuleVersion mv)
        {
            Key("Path");
            String(mv.Path);
            if (mv.Version.Length > 0)
            {
                Key("Version");
                String(mv.Version);
            }
        }

        public void Array<T>(IReadOnlyList<T> items, Action<T> fields)
        {
            Open('[');
            foreach (var item in items)
            {
                Open('{');
                fields(item);
                Close('}');
            }
            Close(']');
        }

        public void ArrayOrNull<T>(IReadOnlyList<T> items, Action<T> fields)
        {
            if (items.Count == 0) Raw("null");
            else Array(items, fields);
        }

        private void AppendString(string s)
        {
            sb.Append('"');
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                switch (c)
                {
                    case '"': sb.Append("\\\""); continue;
                    case '\\': sb.Append("\\\\"); continue;
                    case '\n': sb.Append("\\n"); continue;
                    case '\r': sb.Append("\\r"); continue;
                    case '\t': sb.Append("\\t"); continue;
                    case '\b' when goMinor >= 22: sb.Append("\\b"); continue;
                    case '\f' when goMinor >= 22: sb.Append("\\f"); continue;
                    case '<' or '>' or '&' or '\u2028' or '\u2029':
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        continue;
                }
                if (c < 0x20)
                {
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    continue;
                }
                if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    sb.Append(c).Append(s[i + 1]);
                    i++;
                    continue;
                }
                // A byte that was not UTF-8 (GoText's lone surrogate) is written as U+FFFD, as encoding/json does.
                sb.Append(char.IsSurrogate(c) ? "\\ufffd" : c.ToString());
            }
            sb.Append('"');
        }
    }
}
