using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Methods;

/// <summary>
/// app.info (api-reference/common/system/app-info.md). A real webhook gets ACCESS_DENIED "Application context
/// required"; the sandbox answers anyway so clients can read the plan (LICENSE_FAMILY "ent" = Enterprise limits).
/// With an OAuth token it also carries what the cloud's answer does (there the OAuth module serves app.info; the
/// portal's own handler exists only without it, bitrix-core-business modules/rest/classes/general/rest_provider.php):
/// <c>client_id</c>, <c>scope</c>, <c>expires</c>, <c>user_id</c> and the <c>install</c> block with member_id and
/// domain (the official Python SDK's B24AppInfoResult, b24pysdk/api/responses), which placement checks compare.
/// </summary>
public static class AppInfoMethod
{
    public static SandboxCallResult Run(SandboxPortal portal, JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var enterprise = portal.Options.Enterprise;
        var result = new JsonObject
        {
            ["ID"] = 1,
            ["CODE"] = "local.sandbox",
            ["VERSION"] = 1,
            ["STATUS"] = "L",
            // Through OAuth the app sees its real state (installation-finish.md); a webhook has no app, so true.
            ["INSTALLED"] = !portal.IsAppContext || portal.InstalledCore,
            ["PAYMENT_EXPIRED"] = "N",
            ["DAYS"] = null,
            ["LANGUAGE_ID"] = "ru",
            ["LICENSE"] = enterprise ? "ru_ent250" : "ru_pro100",
            ["LICENSE_TYPE"] = enterprise ? "ent250" : "pro100",
            ["LICENSE_FAMILY"] = enterprise ? "ent" : "pro",
        };
        if (portal.IsAppContext)
        {
            result["client_id"] = portal.Options.ClientId;
            result["scope"] = SandboxPortal.Scope;
            result["expires"] = portal.CallerExpiresAt?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            result["install"] = new JsonObject
            {
                ["installed"] = portal.InstalledCore,
                ["version"] = 1,
                ["status"] = SandboxPortal.AppStatus,
                ["scope"] = SandboxPortal.Scope,
                ["domain"] = portal.DomainCore,
                ["uri"] = portal.ClientEndpointCore.GetLeftPart(UriPartial.Authority),
                ["client_endpoint"] = portal.ClientEndpointCore.ToString(),
                ["member_id"] = portal.Options.MemberId,
                ["member_type"] = "PORTAL",
            };
            result["user_id"] = portal.Options.WebhookUserId;
        }

        return SandboxCallResult.Ok(result);
    }
}
