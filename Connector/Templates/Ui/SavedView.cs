namespace Connector.Templates.Ui;

/// <summary>What a save answers: the template and the version it became.</summary>
public sealed record SavedView(string Name, int Version);
