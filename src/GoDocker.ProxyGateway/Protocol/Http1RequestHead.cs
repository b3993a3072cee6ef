using System.Buffers;
using System.Text;

namespace GoDocker.ProxyGateway.Protocol;

/// <summary>
/// The head of a plain HTTP/1.1 GET or HEAD request, as far as the sendfile lane may answer it itself. Anything
/// else (another method or version, a body, Expect, Upgrade, Connection other than keep-alive, a query, a
/// percent-escape, non-ASCII bytes, a missing or repeated Host, a malformed line, a head split across buffers) is
/// not parsed further: Kestrel gets the request untouched and answers it as it always did, errors included.
/// </summary>
public readonly record struct Http1RequestHead(bool IsHead, string Path, int Length)
{
    /// <summary>Longer heads go to Kestrel (its own limits are 8 KiB for the request line, 16 KiB for the headers).</summary>
    public const int MaxLength = 8192;

    private static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

    /// <summary>The head at the start of <paramref name="buffer"/>, or null when the lane must leave the request to Kestrel.</summary>
    public static Http1RequestHead? TryParse(ReadOnlySequence<byte> buffer)
    {
        var first = buffer.FirstSpan;
        var end = first[..Math.Min(first.Length, MaxLength)].IndexOf(EndOfHead);
        return end < 0 ? null : TryParse(first[..(end + EndOfHead.Length)]);
    }

    public static Http1RequestHead? TryParse(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var line = head[..lineEnd];
        bool isHead;
        if (line.StartsWith("GET "u8))
        {
            isHead = false;
            line = line[4..];
        }
        else if (line.StartsWith("HEAD "u8))
        {
            isHead = true;
            line = line[5..];
        }
        else
        {
            return null;
        }

        var space = line.IndexOf((byte)' ');
        if (space <= 0 || line[0] != (byte)'/' || !line[(space + 1)..].SequenceEqual("HTTP/1.1"u8))
        {
            return null;
        }

        var target = line[..space];
        foreach (var b in target)
        {
            if (b is <= 0x20 or >= 0x7F or (byte)'?' or (byte)'#' or (byte)'%')
            {
                return null;
            }
        }

        var hosts = 0;
        var rest = head[(lineEnd + 2)..];
        while (true)
        {
            var next = rest.IndexOf("\r\n"u8);
            if (next == 0)
            {
                break;
            }

            var field = rest[..next];
            rest = rest[(next + 2)..];
            var colon = field.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(field[..colon]))
            {
                return null;
            }

            var name = field[..colon];
            var value = field[(colon + 1)..].Trim(" \t"u8);
            foreach (var b in value)
            {
                if (b is (< 0x20 and not (byte)'\t') or >= 0x7F)
                {
                    return null;
                }
            }

            if (Ascii.EqualsIgnoreCase(name, "host"u8))
            {
                if (++hosts > 1 || !IsHostValue(value))
                {
                    return null;
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                if (!Ascii.EqualsIgnoreCase(value, "keep-alive"u8))
                {
                    return null;
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "content-length"u8) || Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8)
                || Ascii.EqualsIgnoreCase(name, "expect"u8) || Ascii.EqualsIgnoreCase(name, "upgrade"u8)
                || Ascii.EqualsIgnoreCase(name, "http2-settings"u8))
            {
                return null;
            }
        }

        return hosts == 1 ? new Http1RequestHead(isHead, Encoding.ASCII.GetString(target), head.Length) : null;
    }

    private static bool IsToken(ReadOnlySpan<byte> name)
    {
        foreach (var b in name)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || "!#$%&'*+-.^_`|~"u8.Contains(b)))
            {
                return false;
            }
        }

        return true;
    }

    // host[:port] or [v6]:port; anything else is Kestrel's to refuse (400).
    private static bool IsHostValue(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }

        foreach (var b in value)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'.' or (byte)'-' or (byte)':' or (byte)'[' or (byte)']'))
            {
                return false;
            }
        }

        return true;
    }
}
