using GoDocker.Core.Diagnostics;
using GoDocker.Core.ModuleZip;

namespace GoDocker.Core.GoMod;

/// <summary>
/// Reads a go.mod file's bytes, never more than the go command would read (<see cref="ModuleZipLimits.MaxGoMod"/>):
/// a larger file, or a device or pipe that never ends, is GD2009 after at most that many bytes, and a file whose
/// reads fail is GD2010, both as <see cref="DiagnosticException"/>.
/// </summary>
public static class GoModFileReader
{
    public static byte[] Read(string path, long limit = ModuleZipLimits.MaxGoMod)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            // Devices and /proc files report a length of 0 whatever they hold, so only a larger length is trusted.
            if (file.CanSeek && file.Length > limit)
            {
                throw TooLarge(path, limit);
            }
            using var data = new MemoryStream();
            var buffer = new byte[64 * 1024];
            int n;
            while ((n = file.Read(buffer, 0, (int)Math.Min(buffer.Length, limit + 1 - data.Length))) > 0)
            {
                data.Write(buffer, 0, n);
                if (data.Length > limit)
                {
                    throw TooLarge(path, limit);
                }
            }
            return data.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DiagnosticException(DiagnosticCatalog.GoModUnreadable.Create(path, ReasonOf(e)), e);
        }
    }

    private static DiagnosticException TooLarge(string path, long limit) =>
        new(DiagnosticCatalog.GoModTooLarge.Create(path, limit));

    // .NET appends " : 'path'" to the operating system's reason; the path is in the message already.
    private static string ReasonOf(Exception e)
    {
        var reason = e.Message;
        var quoted = reason.IndexOf(" : '", StringComparison.Ordinal);
        return (quoted > 0 ? reason[..quoted] : reason).TrimEnd('.');
    }
}
