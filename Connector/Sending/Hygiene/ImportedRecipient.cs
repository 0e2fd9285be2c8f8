namespace Connector.Sending.Hygiene;

/// <summary>A recipient taken from an import file: its line, normalised address, name, the contact id it is keyed by, and a flag (role, disposable) if any.</summary>
public sealed record ImportedRecipient(int Line, string Address, string? Name, long ContactId, string? Flag);
