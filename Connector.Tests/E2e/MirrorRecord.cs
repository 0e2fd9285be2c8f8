namespace Connector.Tests.E2e;

/// <summary>A deal or contact as the mirror holds it: its CRM id and the title a tab shows (a deal's title, a contact's name).</summary>
internal sealed record MirrorRecord(long Id, string Title);
