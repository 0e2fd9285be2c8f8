namespace Connector.Sending.Tokens;

/// <summary>
/// The HMAC key for tracking and VERP tokens: <c>Tracking:SigningKey</c> (base64, a secret, never logged; from the bound
/// tracking options) or else the
/// <c>token.key</c> file that <c>dkim keygen</c> writes beside the DKIM keys.
/// </summary>
public static class TokenKey
{
    public const string FileName = "token.key";

    public static byte[] Load(string? signingKey, string keyFolder)
    {
        if (signingKey is { Length: > 0 } configured)
        {
            return Convert.FromBase64String(configured);
        }

        var path = Path.Combine(keyFolder, FileName);
        return File.Exists(path)
            ? Convert.FromBase64String(File.ReadAllText(path).Trim())
            : throw new FileNotFoundException($"no Tracking:SigningKey and no {FileName} in {keyFolder} (run crm-esp dkim keygen)");
    }
}
