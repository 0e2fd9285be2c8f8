using System.Buffers;
using System.Security.Cryptography;
using MimeKit;

namespace Connector.Sending.Dkim;

/// <summary>
/// DKIM relaxed canonicalisation (RFC 6376 §3.4.2, §3.4.4) over bytes: the body hash once per message, whatever the
/// number of signatures, and the header lines a signature covers.
/// </summary>
internal static class DkimCanonicalizer
{
    /// <summary>SHA-256 of the relaxed body: runs of WSP become one SP, WSP before a line end goes, trailing empty lines go, and a non-empty body ends with CRLF.</summary>
    public static byte[] RelaxedBodyHash(ReadOnlySpan<byte> body)
    {
        // Bare LF line ends become CRLF: at most twice the body, plus the final CRLF.
        var output = ArrayPool<byte>.Shared.Rent((body.Length * 2) + 2);
        try
        {
            var length = RelaxBody(body, output);
            return SHA256.HashData(output.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    /// <summary>One header as relaxed canonicalisation writes it: lower-case name, colon, unfolded value with WSP runs as one SP and no WSP at either end, then CRLF unless it is the signature being made.</summary>
    public static void AppendRelaxedHeader(Stream output, Header header, bool isSignature)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(header);
        output.Write(System.Text.Encoding.ASCII.GetBytes(header.Field.ToLowerInvariant()));
        output.WriteByte((byte)':');
        var raw = header.RawValue;
        var index = 0;
        while (index < raw.Length && IsFoldingWsp(raw[index]))
        {
            index++;
        }

        while (index < raw.Length)
        {
            var start = index;
            while (index < raw.Length && IsFoldingWsp(raw[index]))
            {
                index++;
            }

            if (index >= raw.Length)
            {
                break;
            }

            if (index > start)
            {
                output.WriteByte((byte)' ');
            }

            start = index;
            while (index < raw.Length && !IsFoldingWsp(raw[index]))
            {
                index++;
            }

            output.Write(raw, start, index - start);
        }

        if (!isSignature)
        {
            output.Write("\r\n"u8);
        }
    }

    private static int RelaxBody(ReadOnlySpan<byte> body, Span<byte> output)
    {
        var written = 0;
        var pendingEmptyLines = 0;
        var start = 0;
        while (start < body.Length)
        {
            var end = body[start..].IndexOf((byte)'\n');
            var content = body[start..(end < 0 ? body.Length : start + end)];
            start = end < 0 ? body.Length : start + end + 1;
            var line = content.TrimEnd("\r"u8).TrimEnd(" \t"u8);
            if (line.Length == 0)
            {
                pendingEmptyLines++;
                continue;
            }

            for (; pendingEmptyLines > 0; pendingEmptyLines--)
            {
                output[written++] = (byte)'\r';
                output[written++] = (byte)'\n';
            }

            var inWsp = false;
            foreach (var b in line)
            {
                if (b is (byte)' ' or (byte)'\t')
                {
                    inWsp = true;
                    continue;
                }

                if (inWsp)
                {
                    output[written++] = (byte)' ';
                    inWsp = false;
                }

                output[written++] = b;
            }

            output[written++] = (byte)'\r';
            output[written++] = (byte)'\n';
        }

        return written;
    }

    private static bool IsFoldingWsp(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
