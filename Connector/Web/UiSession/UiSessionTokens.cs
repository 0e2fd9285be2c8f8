using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Connector.Web.UiSession;

/// <summary>
/// Short-lived signed session tokens for the pages (<c>ceu_…</c>): the <see cref="UiCaller"/> protected with Data
/// Protection (the key ring lives next to the store, so a restart keeps open tabs working) and an expiry read from
/// <see cref="TimeProvider"/>. The page sends it as <c>Authorization: Bearer</c> to <c>/api/ui/*</c>; no cookies, since
/// the page is a third-party iframe. A token lives at most <see cref="MaxLifetime"/>, never past the viewer's
/// <c>AUTH_EXPIRES</c>.
/// </summary>
public sealed class UiSessionTokens(IDataProtectionProvider protection, TimeProvider timeProvider)
{
    public const string Prefix = "ceu_";
    public const int MaxTokenLength = 4096;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);
    private readonly IDataProtector _protector = protection.CreateProtector("CrmEspBridge.UiSession.v1");

    /// <summary>A token for <paramref name="caller"/>, whose <see cref="UiCaller.ExpiresAt"/> is capped at an hour from now.</summary>
    public (string Token, UiCaller Caller) Issue(UiCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var cap = timeProvider.GetUtcNow() + MaxLifetime;
        var issued = caller with { ExpiresAt = caller.ExpiresAt > cap ? cap : caller.ExpiresAt };
        var payload = JsonSerializer.SerializeToUtf8Bytes(issued, UiSessionJson.Default.UiCaller);
        return (Prefix + Base64Url(_protector.Protect(payload)), issued);
    }

    /// <summary>The caller a token speaks for, or null when it is malformed, forged, or expired.</summary>
    public UiCaller? Verify(string? token)
    {
        if (token is null || token.Length is <= 4 or > MaxTokenLength || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var caller = JsonSerializer.Deserialize(_protector.Unprotect(FromBase64Url(token[Prefix.Length..])), UiSessionJson.Default.UiCaller);
            return caller is not null && caller.ExpiresAt > timeProvider.GetUtcNow() ? caller : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
