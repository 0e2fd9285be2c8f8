using Connector.Sending.Settings;
using Connector.Sending.Tokens;
using Microsoft.Extensions.Options;

namespace Connector.Bounces;

/// <summary>
/// The token codec that signed the VERP and unsubscribe addresses (<c>Tracking:SigningKey</c> or <c>token.key</c> in
/// <c>Dkim:KeyFolder</c>), loaded on first use; null when there is no key (then only Original-Envelope-Id can match).
/// </summary>
public sealed class BounceTokens(IOptions<TrackingOptions> tracking, IOptions<DkimOptions> dkim)
{
    private readonly Lazy<(TokenCodec? Codec, string? Problem)> _codec = new(() => Load(tracking.Value, dkim.Value));

    public TokenCodec? Codec => _codec.Value.Codec;

    public string? Problem => _codec.Value.Problem;

    private static (TokenCodec?, string?) Load(TrackingOptions tracking, DkimOptions dkim)
    {
        try
        {
            return (new TokenCodec(TokenKey.Load(tracking.SigningKey, dkim.KeyFolder is { Length: > 0 } folder ? folder : "data/dkim")), null);
        }
        catch (Exception ex) when (ex is IOException or FormatException or ArgumentException or UnauthorizedAccessException)
        {
            return (null, ex.Message);
        }
    }
}
