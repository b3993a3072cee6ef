using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;

namespace GoDocker.Core.Verification;

/// <summary>
/// A TLS ClientHello record shaped like the one Go's crypto/tls sends (cipher suites, groups, signature schemes,
/// extensions in Go's order), with or without the post-quantum hybrid key share. With it the record is about 1 500
/// bytes and needs two TCP segments, which is what some middleboxes drop; without it, about 300.
/// The key shares are random bytes: only whether the server answers matters, not finishing the handshake.
/// </summary>
public static class GoClientHello
{
    private const ushort X25519 = 0x001D;

    private static readonly ushort[] CipherSuites =
    [
        0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8, 0xC009, 0xC013, 0xC00A, 0xC014,
        0x009C, 0x009D, 0x002F, 0x0035, 0xC012, 0x000A, 0x1301, 0x1302, 0x1303,
    ];

    private static readonly ushort[] SignatureSchemes =
        [0x0804, 0x0403, 0x0807, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0503, 0x0603, 0x0201, 0x0203];

    /// <param name="serverName">Sent as SNI unless it is an IP address, as Go does.</param>
    /// <param name="postQuantum">The hybrid share to offer first, or null for a classic (X25519 only) hello.</param>
    public static byte[] Create(string serverName, PostQuantumKeyShare? postQuantum)
    {
        var extensions = new TlsWriter();
        if (!IPAddress.TryParse(serverName, out _))
        {
            var name = System.Text.Encoding.ASCII.GetBytes(serverName);
            extensions.Extension(0x0000, e => e.Vector16(l => { l.U8(0); l.Vector16(h => h.Bytes(name)); }));
        }
        extensions.Extension(0x0005, e => e.Bytes([1, 0, 0, 0, 0])); // status_request (OCSP)
        var groups = postQuantum is null ? new ushort[] { X25519, 0x0017, 0x0018, 0x0019 } : [postQuantum.Group, X25519, 0x0017, 0x0018, 0x0019];
        extensions.Extension(0x000A, e => e.Vector16(g => { foreach (var group in groups) g.U16(group); }));
        extensions.Extension(0x000B, e => e.Bytes([1, 0])); // ec_point_formats: uncompressed
        extensions.Extension(0x000D, e => e.Vector16(s => { foreach (var scheme in SignatureSchemes) s.U16(scheme); }));
        extensions.Extension(0x0010, e => e.Vector16(a => { a.Vector8("h2"u8.ToArray()); a.Vector8("http/1.1"u8.ToArray()); }));
        extensions.Extension(0x0012, _ => { }); // signed_certificate_timestamp
        extensions.Extension(0x0017, _ => { }); // extended_master_secret
        extensions.Extension(0x0023, _ => { }); // session_ticket
        extensions.Extension(0x002B, e => e.Vector8([0x03, 0x04, 0x03, 0x03])); // supported_versions: TLS 1.3, 1.2
        extensions.Extension(0x002D, e => e.Vector8([1])); // psk_key_exchange_modes: psk_dhe_ke
        extensions.Extension(0x0033, e => e.Vector16(k =>
        {
            if (postQuantum is not null)
            {
                k.U16(postQuantum.Group);
                k.Vector16(h => h.Bytes(RandomNumberGenerator.GetBytes(PostQuantumKeyShare.ShareLength)));
            }
            k.U16(X25519);
            k.Vector16(h => h.Bytes(RandomNumberGenerator.GetBytes(32)));
        }));
        extensions.Extension(0xFF01, e => e.Bytes([0])); // renegotiation_info

        var body = new TlsWriter();
        body.U16(0x0303);
        body.Bytes(RandomNumberGenerator.GetBytes(32));
        body.Vector8(RandomNumberGenerator.GetBytes(32)); // legacy session id, as Go sends for middlebox compatibility
        body.Vector16(c => { foreach (var suite in CipherSuites) c.U16(suite); });
        body.Vector8([0]); // compression: null
        body.Vector16(e => e.Bytes(extensions.ToArray()));

        var handshake = new TlsWriter();
        handshake.U8(1); // client_hello
        handshake.U24(body.Length);
        handshake.Bytes(body.ToArray());

        var record = new TlsWriter();
        record.U8(0x16); // handshake
        record.U16(0x0301); // legacy record version, as every client sends in its first record
        record.Vector16(r => r.Bytes(handshake.ToArray()));
        return record.ToArray();
    }

    /// <summary>Big-endian TLS encoding with length-prefixed vectors.</summary>
    private sealed class TlsWriter
    {
        private readonly MemoryStream buffer = new();

        public int Length => (int)buffer.Length;

        public void U8(byte value) => buffer.WriteByte(value);

        public void U16(ushort value)
        {
            Span<byte> bytes = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
            buffer.Write(bytes);
        }

        public void U24(int value)
        {
            U8((byte)(value >> 16));
            U16((ushort)value);
        }

        public void Bytes(byte[] value) => buffer.Write(value);

        public void Vector8(byte[] value)
        {
            U8((byte)value.Length);
            Bytes(value);
        }

        public void Vector16(Action<TlsWriter> write)
        {
            var content = new TlsWriter();
            write(content);
            U16((ushort)content.Length);
            Bytes(content.ToArray());
        }

        public void Extension(ushort type, Action<TlsWriter> write)
        {
            U16(type);
            Vector16(write);
        }

        public byte[] ToArray() => buffer.ToArray();
    }
}
