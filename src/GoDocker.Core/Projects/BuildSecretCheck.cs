using System.Collections.Immutable;
using System.Text.RegularExpressions;
using GoDocker.Core.Credentials;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Projects;

/// <summary>
/// Checks GoBuildSecret items: an id BuildKit accepts, exactly one source for file/env forms, a host for the token
/// and ssh forms, one netrc at most (NETRC names one file), and known_hosts for ssh. Invalid items are dropped.
/// </summary>
internal static partial class BuildSecretCheck
{
    public static ImmutableArray<GoBuildSecret> Check(
        IReadOnlyList<GoBuildSecret> secrets,
        string projectDirectory,
        string context,
        ProjectFilePositions positions,
        ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var valid = ImmutableArray.CreateBuilder<GoBuildSecret>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var netrcSeen = false;
        foreach (var raw in secrets)
        {
            var id = raw.Id ?? "";
            var location = positions.Item(ProjectSettingCatalog.GoBuildSecret.Name, id);
            string? Invalid()
            {
                if (!IdRegex().IsMatch(id))
                {
                    return "the id must be 1 to 64 letters, digits, '.', '_' or '-'";
                }
                if (!ids.Add(id))
                {
                    return "another GoBuildSecret has the same id";
                }
                foreach (var text in new[] { raw.File, raw.Env, raw.Host, raw.User, raw.KnownHosts })
                {
                    if (text is not null && GoProjectSettingsReader.UnsafeTextProblem(text) is { } problem)
                    {
                        return "a metadata value is unusable: " + problem;
                    }
                }
                var hasFile = !string.IsNullOrWhiteSpace(raw.File);
                var hasEnv = !string.IsNullOrWhiteSpace(raw.Env);
                if (raw.Kind == GoBuildSecretKind.Ssh)
                {
                    if (hasFile || hasEnv)
                    {
                        return "the ssh form forwards the SSH agent; remove File and Env (load the key with ssh-add)";
                    }
                }
                else if (hasFile == hasEnv)
                {
                    return "give exactly one of File or Env";
                }
                if (hasEnv && !EnvRegex().IsMatch(raw.Env!))
                {
                    return $"Env '{raw.Env}' is not an environment variable name";
                }
                if (raw.Kind is GoBuildSecretKind.Token or GoBuildSecretKind.Ssh && !HostRegex().IsMatch(raw.Host ?? ""))
                {
                    return "the token and ssh forms need Host, the private Git host name such as git.example.corp";
                }
                if (raw.Kind is GoBuildSecretKind.Token or GoBuildSecretKind.Ssh && raw.User is not null && !UserRegex().IsMatch(raw.User))
                {
                    return $"User '{raw.User}' may hold only letters, digits, '.', '_' and '-'";
                }
                if (raw.Kind == GoBuildSecretKind.Netrc)
                {
                    if (netrcSeen)
                    {
                        return "only one netrc secret can be given, since NETRC names one file; merge the machines into one file";
                    }
                    netrcSeen = true;
                }
                return null;
            }

            if (Invalid() is { } why)
            {
                diagnostics.Add(DiagnosticCatalog.InvalidBuildSecret.Create(location, GoProjectSettingsReader.Shorten(id), why));
                continue;
            }

            var secret = raw with
            {
                File = string.IsNullOrWhiteSpace(raw.File) ? null : Path.GetFullPath(Path.Combine(projectDirectory, raw.File.Trim())),
                Env = string.IsNullOrWhiteSpace(raw.Env) ? null : raw.Env.Trim(),
                Host = raw.Host?.Trim().ToLowerInvariant(),
                KnownHosts = string.IsNullOrWhiteSpace(raw.KnownHosts) ? null : Path.GetFullPath(Path.Combine(projectDirectory, raw.KnownHosts.Trim())),
            };
            if (secret.File is not null && !System.IO.File.Exists(secret.File))
            {
                diagnostics.Add(DiagnosticCatalog.SecretSourceMissing.Create(location, id, secret.File));
                continue;
            }
            if (secret.Kind == GoBuildSecretKind.Ssh)
            {
                if (secret.KnownHosts is null)
                {
                    diagnostics.Add(DiagnosticCatalog.SshWithoutKnownHosts.Create(location, id, secret.Host));
                    continue;
                }
                if (!System.IO.File.Exists(secret.KnownHosts))
                {
                    diagnostics.Add(DiagnosticCatalog.SecretSourceMissing.Create(location, id, secret.KnownHosts));
                    continue;
                }
                if (!KnownHostsFile.Parse(System.IO.File.ReadAllText(secret.KnownHosts)).Lists(secret.Host!))
                {
                    var keyscan = secret.HostPort is { } port and not 22 ? $"-p {port} {secret.HostName}" : secret.HostName;
                    diagnostics.Add(DiagnosticCatalog.KnownHostsMissingHost.Create(location, id, secret.Host, secret.KnownHosts,
                        KnownHostsFile.LookupName(secret.Host!), keyscan));
                    continue;
                }
            }
            if (secret.File is not null && ContextPath.IsInside(context, secret.File))
            {
                diagnostics.Add(DiagnosticCatalog.SecretFileInContext.Create(location, id, ContextPath.Relative(context, secret.File)));
            }
            valid.Add(secret);
        }
        return valid.ToImmutable();
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._\-]{0,63}$")]
    private static partial Regex IdRegex();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
    private static partial Regex EnvRegex();

    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::[0-9]{1,5})?$")]
    private static partial Regex HostRegex();

    [GeneratedRegex(@"^[A-Za-z0-9._\-]{1,64}$")]
    private static partial Regex UserRegex();
}
