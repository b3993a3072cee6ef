namespace GoDocker.Core.Dockerfiles;

/// <summary>
/// Copies the host files a Dockerfile COPYs (CA certificates, known_hosts) into the staging folder inside the
/// Docker context. Chosen over a named build context because the docker CLI here (20.10, no buildx) cannot pass
/// one; the generated .dockerignore excludes obj/ but lets this folder back in. Files are rewritten only when their
/// bytes change, so BuildKit's COPY cache and incremental builds stay warm.
/// </summary>
public static class ContextFileStaging
{
    public static async Task StageAsync(DockerfileInputs inputs, string dockerContext, CancellationToken cancellationToken)
    {
        var root = Path.Combine(dockerContext, inputs.StagingDirectory.Replace('/', Path.DirectorySeparatorChar));
        var wanted = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in inputs.CaCertificates.Concat(inputs.KnownHosts))
        {
            if (!wanted.TryGetValue(file.StagedName, out var sources))
            {
                wanted[file.StagedName] = sources = [];
            }
            sources.Add(file.Source);
        }

        foreach (var (name, sources) in wanted)
        {
            using var content = new MemoryStream();
            foreach (var source in sources)
            {
                var bytes = await File.ReadAllBytesAsync(source, cancellationToken).ConfigureAwait(false);
                content.Write(bytes);
                if (bytes.Length > 0 && bytes[^1] != (byte)'\n')
                {
                    content.WriteByte((byte)'\n'); // concatenated PEM blocks and known_hosts lines must not run together
                }
            }
            var target = Path.Combine(root, name.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var data = content.ToArray();
            if (File.Exists(target) && (await File.ReadAllBytesAsync(target, cancellationToken).ConfigureAwait(false)).AsSpan().SequenceEqual(data))
            {
                continue;
            }
            await File.WriteAllBytesAsync(target, data, cancellationToken).ConfigureAwait(false);
        }

        // Files staged for an earlier configuration would otherwise still be trusted by the next build.
        foreach (var folder in new[] { "ca", "ssh" })
        {
            var directory = Path.Combine(root, folder);
            if (!Directory.Exists(directory))
            {
                continue;
            }
            foreach (var file in Directory.EnumerateFiles(directory))
            {
                var name = folder + "/" + Path.GetFileName(file);
                if (!wanted.ContainsKey(name))
                {
                    File.Delete(file);
                }
            }
        }
    }
}
