using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Connector.Bounces;

/// <summary>
/// Standard Webhooks verification: <c>webhook-signature</c> holds one or more space-separated <c>v1,&lt;base64&gt;</c>,
/// each the HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c> under the secret; the timestamp (Unix seconds)
/// must be within the tolerance of now either way (replays of old requests fail). Compared in constant time.
/// </summary>
public static class StandardWebhookSignature
{
    public static string Sign(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body) =>
        "v1," + Convert.ToBase64String(Mac(key, id, timestamp.ToString(CultureInfo.InvariantCulture), body));

    /// <summary>Null when the request is signed by the key; otherwise what is wrong, without any secret.</summary>
    public static string? Verify(byte[] key, string? id, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrEmpty(id) || id.Length > 256 || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return "webhook-id, webhook-timestamp and webhook-signature are required";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return "webhook-timestamp is not a Unix time within the tolerance";
        }

        var expected = Mac(key, id, timestamp, body);
        foreach (var candidate in signature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate.StartsWith("v1,", StringComparison.Ordinal) && TryBase64(candidate[3..]) is { } given
                && CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return null;
            }
        }

        return "webhook-signature does not match";
    }

    private static byte[] Mac(byte[] key, string id, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, content);
    }

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
