using System.Security.Cryptography;
using System.Text;

namespace GoDocker.Core.Downloads;

/// <summary>
/// A hash of everything besides go.mod and go.sum that changes what the download stage does: the Dockerfile, the
/// docker build arguments and the CA certificates' content. Secret values are never part of it.
/// </summary>
public static class InputsHash
{
    public static string Compute(string dockerfile, IReadOnlyList<string> buildArguments, IEnumerable<string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text));
            hash.AppendData([0]);
        }
        Add(dockerfile);
        foreach (var argument in buildArguments)
        {
            Add(argument);
        }
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            Add(file);
            Add(File.Exists(file) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))) : "missing");
        }
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }
}
