namespace Connector.Sending.Composing;

/// <summary>Who receives a letter: the CRM contact and the address and display name taken from it.</summary>
public sealed record LetterRecipient(long ContactId, string Address, string? Name);
