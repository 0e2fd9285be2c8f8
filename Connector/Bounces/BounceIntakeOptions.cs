namespace Connector.Bounces;

/// <summary>
/// Section <c>Bounces</c> as the Bounces slice reads it (Sending reads <c>Bounces:Domain</c> from the same section):
/// the mailboxes (<c>Imap</c>, <c>Pop3</c>; either, both or none), <c>FetchInterval</c> of the fetch job (default 5 minutes),
/// <c>SoftBounceLimit</c> (soft bounces in a row that suppress an address, default 5) and <c>HookSecret</c> (the
/// <c>POST /hooks/bounces</c> signing secret, <c>whsec_</c> + base64 as Standard Webhooks writes it, or plain text;
/// unset: the hook answers 404). Secrets are never logged (<see cref="ToString"/> leaves them out).
/// </summary>
public sealed record BounceIntakeOptions
{
    public const string Section = "Bounces";

    public BounceMailboxOptions Imap { get; init; } = new();

    public BounceMailboxOptions Pop3 { get; init; } = new();

    public TimeSpan FetchInterval { get; init; } = TimeSpan.FromMinutes(5);

    public int SoftBounceLimit { get; init; } = 5;

    public string? HookSecret { get; init; }

    public override string ToString() => $"imap={Imap}, pop3={Pop3}, every {FetchInterval}, soft limit {SoftBounceLimit}, hook {(HookSecret is null ? "off" : "on")}";
}
