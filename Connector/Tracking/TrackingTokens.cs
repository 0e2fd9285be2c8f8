using Connector.Sending.Settings;
using Connector.Sending.Tokens;
using Microsoft.Extensions.Options;

namespace Connector.Tracking;

/// <summary>
/// Verifies the tokens of <c>/t/*</c> with the key the composer signs with (<see cref="TokenKey.Load"/>:
/// <c>Tracking:SigningKey</c>, else <c>token.key</c> in <c>Dkim:KeyFolder</c>), loaded on first use so that a host
/// without sending configured still starts; while there is no key every token is unknown (tried again each minute).
/// </summary>
public sealed partial class TrackingTokens(IOptions<TrackingOptions> tracking, IOptions<DkimOptions> dkim, TimeProvider time, ILogger<TrackingTokens> logger)
{
    /// <summary>Longer tokens are refused unread (a click token holds its URL; Kestrel's request line is 8 KB anyway).</summary>
    public const int MaxLength = 4096;

    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private TokenCodec? _codec;
    private DateTimeOffset _nextTry = DateTimeOffset.MinValue;

    /// <summary>The token's content when it is ours, of <paramref name="kind"/>, and signed with the key; otherwise null.</summary>
    public SignedToken? Read(TokenKind kind, string? token) =>
        token is { Length: > 0 and <= MaxLength } && Codec() is { } codec ? codec.Read(kind, token) : null;

    private TokenCodec? Codec()
    {
        if (_codec is { } codec)
        {
            return codec;
        }

        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_codec is null && now >= _nextTry)
            {
                try
                {
                    _codec = new TokenCodec(TokenKey.Load(tracking.Value.SigningKey, dkim.Value.KeyFolder));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
                {
                    _nextTry = now + RetryAfter;
                    LogNoKey(ex.Message);
                }
            }

            return _codec;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Tracking: no token key, every tracking link is refused until there is one: {Problem}")]
    private partial void LogNoKey(string problem);
}
