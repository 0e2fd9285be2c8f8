namespace Connector.Web.Settings.Keys;

/// <summary>A new key: the only answer that carries the whole key (shown once; only its hash is kept).</summary>
public sealed record ApiKeyCreated(string Id, string Prefix, string Name, string Key);
