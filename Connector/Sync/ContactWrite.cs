namespace Connector.Sync;

/// <summary>A contact ready for the mirror: the record and its normalised e-mails.</summary>
public sealed record ContactWrite(CrmContact Contact, IReadOnlyList<NormalizedEmail> Emails);
