using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GoDocker.Core.Hashing;
using GoDocker.Core.Modules;
using GoDocker.Core.ModuleZip;

namespace GoDocker.Core.Tests.ModuleZip;

/// <summary>Create, Unzip and the hashes agree on generated file trees.</summary>
public class ModuleZipPropertyTests
{
    private static readonly ModuleVersion M = new("example.com/prop", "v1.2.3");

    private static Arbitrary<(string Path, byte[] Data)[]> Trees()
    {
        var element = Gen.Elements("a", "b", "B", "dir", "x.go", "README.md", "ünï", "vendor", "sub", "go.mod", "café");
        var path = Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(element, n)).Select(es => string.Join("/", es));
        var data = Gen.Choose(0, 64).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), n));
        return Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(Gen.Zip(path, data), n)).Select(a => a.Select(t => (t.Item1, t.Item2)).ToArray()).ToArbitrary();
    }

    [Property(MaxTest = 40)]
    public Property Created_zips_unzip_to_trees_with_the_same_hash() =>
        Prop.ForAll(Trees(), tree =>
        {
            var ct = TestContext.Current.CancellationToken;
            var files = tree.Select(f => (IModuleFile)new MemoryModuleFile(f.Path, f.Data)).ToList();
            var cf = ModuleFileChecker.CheckFilesAsync(files, ct).GetAwaiter().GetResult();
            using var tmp = new ZipTestData.TempDir();
            var zip = Path.Combine(tmp.Path, "m.zip");
            try
            {
                using (var output = File.Create(zip)) ModuleZipWriter.CreateAsync(output, M, files, ct).GetAwaiter().GetResult();
            }
            catch (ModuleZipException e)
            {
                // Create fails exactly when CheckFiles finds a problem, and says the same thing.
                return cf.Error is not null && e.Message == "create zip: " + cf.Error;
            }
            if (cf.Error is not null) return false;
            var zipHash = DirHash.HashZipAsync(zip, ct).GetAwaiter().GetResult();
            var expected = DirHash.Hash1Async(cf.Valid.Select(p => M + "/" + p),
                (name, _) => ValueTask.FromResult<Stream>(new MemoryStream(tree.Last(f => M + "/" + f.Path == name).Data)), ct).GetAwaiter().GetResult();
            var dir = Path.Combine(tmp.Path, "out");
            ModuleZipReader.UnzipAsync(dir, M, zip, ct).GetAwaiter().GetResult();
            var dirHash = DirHash.HashDirAsync(dir, M + "/", ct).GetAwaiter().GetResult();
            return zipHash == expected && dirHash == zipHash && ModuleZipReader.CheckZip(M, zip).Valid.Count == cf.Valid.Count;
        });
}
