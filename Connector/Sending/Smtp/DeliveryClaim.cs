using Connector.Sending.Profiling;

namespace Connector.Sending.Smtp;

/// <summary>
/// The sender's last word before a message goes on the wire (the ledger's <c>sending</c> mark): called by the transport
/// once the message holds its rate slot and a connection, at most once with success (a failover reuses the claim).
/// <see cref="Claimed"/> tells the sender afterwards whether the message ever reached SMTP.
/// </summary>
public sealed class DeliveryClaim(string? envelopeId, Func<CancellationToken, Task<bool>> claim)
{
    public string? EnvelopeId => envelopeId;

    public bool Claimed { get; private set; }

    /// <summary>Where the transport adds the CPU of the SMTP transaction (<c>Sending:Profile</c>); null = not measured.</summary>
    public SendStages? Stages { get; init; }

    /// <summary>A claim that always succeeds (a sender without a ledger).</summary>
    public static DeliveryClaim Unconditional(string? envelopeId) => new(envelopeId, _ => Task.FromResult(true));

    public async Task<bool> TryClaimAsync(CancellationToken cancellationToken)
    {
        if (!Claimed)
        {
            Claimed = await claim(cancellationToken);
        }

        return Claimed;
    }
}
