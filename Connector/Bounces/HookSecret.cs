using System.Text;

namespace Connector.Bounces;

/// <summary>The HMAC key of <c>Bounces:HookSecret</c>: Standard Webhooks' <c>whsec_</c> + base64 is decoded, any other text is its UTF-8 bytes.</summary>
public static class HookSecret
{
    private const string Prefix = "whsec_";

    public static byte[]? KeyOf(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return Encoding.UTF8.GetBytes(secret);
        }

        try
        {
            return Convert.FromBase64String(secret[Prefix.Length..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
