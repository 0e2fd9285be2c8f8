namespace Connector.Api;

/// <summary>Who called: the API key's id and the portal it scopes every query to.</summary>
public sealed record ApiCaller(string KeyId, long PortalId, string PortalKey);
