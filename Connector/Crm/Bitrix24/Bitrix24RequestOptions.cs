namespace Connector.Crm.Bitrix24;

/// <summary>
/// Per-request values carried in <see cref="HttpRequestMessage.Options"/> via Refit <c>[Property]</c>:
/// handlers and the resilience pipeline are pooled and shared, so the portal and call facts travel with the request.
/// </summary>
public static class Bitrix24RequestOptions
{
    public const string PortalKey = "Bitrix24.Portal";
    public const string CallKey = "Bitrix24.Call";

    public static readonly HttpRequestOptionsKey<Bitrix24Portal> Portal = new(PortalKey);
    public static readonly HttpRequestOptionsKey<Bitrix24CallInfo> Call = new(CallKey);

    public static Bitrix24Portal GetPortal(HttpRequestMessage request) =>
        request.Options.TryGetValue(Portal, out var portal)
            ? portal
            : throw new InvalidOperationException("Bitrix24 request without a portal: call through IBitrix24Client.");

    public static Bitrix24CallInfo GetCall(HttpRequestMessage request) =>
        request.Options.TryGetValue(Call, out var call)
            ? call
            : throw new InvalidOperationException("Bitrix24 request without call info: call through IBitrix24Client.");
}
