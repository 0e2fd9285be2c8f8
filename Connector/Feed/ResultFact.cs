namespace Connector.Feed;

/// <summary>
/// One result of one message, typed, with what the message belongs to. Results of a send that is not from the mirror
/// have no portal.
/// </summary>
/// <param name="Source">The fact table the result was read from.</param>
/// <param name="Id">The row's id in <paramref name="Source"/>: the cursor position; with the source it names the fact for good.</param>
/// <param name="Kind">What happened.</param>
/// <param name="LedgerId">The message (send_ledger.id); null for a bounce that matched no message.</param>
/// <param name="PortalId">The portal of the message's send key.</param>
/// <param name="ContactId">The contact the message was sent to (the mirror's CRM id).</param>
/// <param name="DealId">The deal the send belongs to.</param>
/// <param name="SendKey">The message's send key.</param>
/// <param name="SendKeyName">The send key's name: the campaign or scenario name shown on the CRM timeline.</param>
/// <param name="Recipient">The address.</param>
/// <param name="Url">The link of a click.</param>
/// <param name="Status">A DSN's enhanced status code (5.1.1), or the SMTP reply code of a refusal at send time (550).</param>
/// <param name="Machine">A hit flagged as a machine's (privacy proxy, scanner, seconds after delivery); false for other sources.</param>
/// <param name="At">When it happened.</param>
public sealed record ResultFact(
    ResultSource Source, long Id, ResultKind Kind, long? LedgerId, long? PortalId, long? ContactId, long? DealId,
    string? SendKey, string? SendKeyName, string? Recipient, string? Url, string? Status, bool Machine, DateTimeOffset At);
