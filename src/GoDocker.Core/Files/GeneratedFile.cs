using System.Text;

namespace GoDocker.Core.Files;

/// <summary>Writes generated files only when their bytes change, so timestamps mean "content changed".</summary>
public static class GeneratedFile
{
    public static bool WriteIfChanged(string path, string content)
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
        return true;
    }
}
