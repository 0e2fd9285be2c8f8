using Microsoft.AspNetCore.Http;

namespace Connector.Crm.Bitrix24.Install;

/// <summary>
/// What an install hands over, from either flow: the installer page (AUTH_ID, REFRESH_ID, member_id, APPLICATION_TOKEN,
/// DOMAIN in the query; installation-master.md) or the ONAPPINSTALL event (auth[...] keys; on-app-install.md).
/// </summary>
public sealed record Bitrix24InstallRequest(bool IsEvent, string MemberId, string AccessToken, string RefreshToken, string ApplicationToken, string? Domain)
{
    public override string ToString() => $"install of {Connector.Web.LogText.Safe(MemberId, 64)} ({(IsEvent ? "ONAPPINSTALL" : "installer page")})";

    public static (Bitrix24InstallRequest? Request, string? Missing) From(IFormCollection form, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(query);
        var isEvent = string.Equals(form["event"], "ONAPPINSTALL", StringComparison.OrdinalIgnoreCase);
        string? Field(string name) => string.IsNullOrWhiteSpace(form[name]) ? null : form[name].ToString();
        var fields = isEvent
            ? new[] { "auth[member_id]", "auth[access_token]", "auth[refresh_token]", "auth[application_token]" }
            : ["member_id", "AUTH_ID", "REFRESH_ID", "APPLICATION_TOKEN"];
        if (fields.FirstOrDefault(f => Field(f) is null) is { } missing)
        {
            return (null, missing);
        }

        var domain = isEvent ? Field("auth[domain]") : (string.IsNullOrWhiteSpace(query["DOMAIN"]) ? Field("DOMAIN") : query["DOMAIN"].ToString());
        return (new Bitrix24InstallRequest(isEvent, Field(fields[0])!, Field(fields[1])!, Field(fields[2])!, Field(fields[3])!, domain), null);
    }
}
