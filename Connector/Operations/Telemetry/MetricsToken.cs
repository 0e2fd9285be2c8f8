using System.Security.Cryptography;
using System.Text;

namespace Connector.Operations.Telemetry;

/// <summary>Checks <c>Authorization: Bearer TOKEN</c> against <c>Metrics:Token</c> in constant time (both hashed first, so the length does not leak either).</summary>
public sealed class MetricsToken(string token)
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim()));

    public bool Accepts(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization["Bearer ".Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, _expected);
    }
}
