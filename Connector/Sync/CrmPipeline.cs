namespace Connector.Sync;

public sealed record CrmPipeline(long Id, string Name, int Sort, bool IsDefault);
