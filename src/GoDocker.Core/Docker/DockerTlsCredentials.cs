using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet;
using Microsoft.Net.Http.Client;

namespace GoDocker.Core.Docker;

/// <summary>
/// Docker.DotNet credentials for a TLS engine as the docker CLI connects to it: the engine's certificate must chain to
/// ca.pem (and only to it) and carry the host's name, unless verification is off; the client certificate where there
/// is one. Remembers why it rejected the engine's certificate, so a failed handshake can say whose side failed.
/// </summary>
public sealed class DockerTlsCredentials : global::Docker.DotNet.Credentials
{
    private readonly DockerTlsMaterial _material;
    private readonly X509Certificate2Collection _ca;
    private readonly X509Certificate2? _client;

    public DockerTlsCredentials(DockerTlsMaterial material)
    {
        _material = material;
        _ca = material.LoadCa();
        _client = material.LoadClientCertificate();
    }

    /// <summary>Why the engine's certificate was rejected, or null when it was accepted (or never seen).</summary>
    public string? ServerCertificateProblem { get; private set; }

    /// <summary>Whether the engine's certificate was checked and accepted: a later handshake failure is the client's certificate.</summary>
    public bool ServerCertificateAccepted { get; private set; }

    public override bool IsTlsCredentials() => true;

    public override HttpMessageHandler GetHandler(HttpMessageHandler handler)
    {
        if (handler is ManagedHandler managed)
        {
            if (_client is not null)
            {
                managed.ClientCertificates = new X509CertificateCollection { _client };
            }
            managed.ServerCertificateValidationCallback = Validate;
        }
        return handler;
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var problem = Check(certificate, chain, errors);
        ServerCertificateProblem = problem;
        ServerCertificateAccepted = problem is null;
        return problem is null;
    }

    private string? Check(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (!_material.Verify)
        {
            return null;
        }
        if (certificate is null)
        {
            return "the engine sent no certificate";
        }
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return $"'{certificate.Subject}' is not issued for the address's host name";
        }
        if (_ca.Count == 0)
        {
            return errors == SslPolicyErrors.None ? null : $"'{certificate.Subject}' is not trusted by this machine's root certificates ({errors})";
        }
        using var leaf = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        if (chain.Build(leaf))
        {
            return null;
        }
        var status = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        return $"'{leaf.Subject}' issued by '{leaf.Issuer}' does not chain to {_material.CaFile}: {status}";
    }

    public override void Dispose()
    {
        _client?.Dispose();
        foreach (var ca in _ca)
        {
            ca.Dispose();
        }
        base.Dispose();
    }
}
