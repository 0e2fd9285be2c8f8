namespace Connector.Sandbox;

/// <summary>A deal pipeline (crm.category.list row); category 0 is the default "General" one.</summary>
public sealed record SandboxPipeline(int Id, string Name, int Sort, bool IsDefault);
