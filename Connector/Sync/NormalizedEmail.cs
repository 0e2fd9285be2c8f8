namespace Connector.Sync;

/// <summary>An e-mail as stored: the raw CRM value, the normalised address, and why it is unusable if it is.</summary>
public sealed record NormalizedEmail(string Raw, string Address, string? ValueType, bool IsValid, string? InvalidReason);
