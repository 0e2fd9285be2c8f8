using Connector.Sending.Composing;
using Connector.Sending.Dkim;
using Connector.Sending.Smtp;
using Connector.Sending.Tokens;
using Microsoft.Extensions.Configuration;

namespace Connector.Sending;

/// <summary>
/// Everything a sending verb needs from configuration: settings, token key, DKIM keys, and the transport (SMTP — one, or
/// several routed by sender domain, see <see cref="TransportTable"/> — or the pickup folder when <c>Smtp:PickupFolder</c> is set). Throws <see cref="InvalidOperationException"/>, <see cref="IOException"/>
/// or <see cref="FormatException"/> with a message naming the key or file; never includes a secret.
/// </summary>
public sealed record SendingSetup(SendingSettings Settings, TokenCodec Tokens, IDeliveryTransport Transport, IConfiguration Configuration)
{
    public static SendingSetup From(SendingSettings settings, string? signingKey, IConfiguration configuration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        var tokens = new TokenCodec(TokenKey.Load(signingKey, settings.KeyFolder));
        _ = DkimKeySet.Load(settings.DkimDomain, settings.KeyFolder);
        return new SendingSetup(settings, tokens, TransportTable.From(configuration, time), configuration);
    }

    /// <summary>A new composer with its own DKIM signers (one per worker thread).</summary>
    public MessageComposer CreateComposer(TimeProvider time, Profiling.SendStages? stages = null) =>
        new(Settings, Tokens, DkimKeySet.Load(Settings.DkimDomain, Settings.KeyFolder), time, stages);
}
