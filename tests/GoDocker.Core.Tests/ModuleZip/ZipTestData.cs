namespace GoDocker.Core.Tests.ModuleZip;

internal static class ZipTestData
{
    public static string Dir(string folder) => Path.Combine(AppContext.BaseDirectory, "TestData", "x-mod", "zip", "testdata", folder);

    public static TheoryData<string> Cases(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Dir(folder), "*.txt").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    public static Txtar Load(string folder, string file) => Txtar.Parse(File.ReadAllBytes(Path.Combine(Dir(folder), file)));

    /// <summary>A temp directory deleted on dispose (read-only files included).</summary>
    public sealed class TempDir : IDisposable
    {
        public TempDir() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "godocker-zip-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    public static void WriteFiles(string root, IEnumerable<(string Name, byte[] Data)> files)
    {
        foreach (var (name, data) in files)
        {
            var full = Path.Combine(root, name.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, data);
        }
    }
}
