using System.Security.Cryptography;
using Connector.Bounces;

namespace Connector.Webhooks;

/// <summary>
/// Subscriber secrets in Standard Webhooks' form, <c>whsec_</c> + base64 of 24 random bytes; a given secret is read as
/// the inbound hook reads its own (<see cref="HookSecret.KeyOf"/>: whsec_ base64, else UTF-8 text) and must give 16 bytes or more.
/// </summary>
public static class WebhookSecret
{
    public static string Generate() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    public static byte[]? KeyOf(string secret) => HookSecret.KeyOf(secret) is { Length: >= 16 } key ? key : null;

    /// <summary>What <c>webhooks list</c> shows: never the secret, only its form.</summary>
    public static string Hint(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret.StartsWith("whsec_", StringComparison.Ordinal) ? "whsec_…" : "(text)…";
    }
}
