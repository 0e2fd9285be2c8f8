using System.Text.Json;

namespace Connector.Crm.Bitrix24;

/// <summary>Reads the rate plan from <c>app.info</c>: Enterprise when <c>LICENSE_FAMILY</c> is <c>ent</c> (app-info.md).</summary>
public static class Bitrix24PlanReader
{
    /// <summary>Accepts the <c>result</c> object of <c>app.info</c> or the whole answer holding it.</summary>
    public static Bitrix24Plan FromAppInfo(JsonElement appInfo)
    {
        if (appInfo.ValueKind == JsonValueKind.Object
            && appInfo.TryGetProperty("result", out var inner)
            && inner.ValueKind == JsonValueKind.Object)
        {
            appInfo = inner;
        }

        if (appInfo.ValueKind != JsonValueKind.Object)
        {
            return Bitrix24Plan.Standard;
        }

        var family = Text(appInfo, "LICENSE_FAMILY");
        var type = Text(appInfo, "LICENSE_TYPE");
        var enterprise = string.Equals(family, "ent", StringComparison.OrdinalIgnoreCase)
            || (type?.StartsWith("ent", StringComparison.OrdinalIgnoreCase) ?? false);
        return enterprise ? Bitrix24Plan.Enterprise : Bitrix24Plan.Standard;
    }

    private static string? Text(JsonElement obj, string field) =>
        obj.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
