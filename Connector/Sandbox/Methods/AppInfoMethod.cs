using System.Text.Json.Nodes;

namespace Connector.Sandbox.Methods;

/// <summary>
/// app.info (api-reference/common/system/app-info.md). A real webhook gets ACCESS_DENIED "Application context
/// required"; the sandbox answers anyway so clients can read the plan (LICENSE_FAMILY "ent" = Enterprise limits).
/// </summary>
public static class AppInfoMethod
{
    public static SandboxCallResult Run(SandboxPortal portal, JsonObject parameters)
    {
        var enterprise = portal.Options.Enterprise;
        return SandboxCallResult.Ok(new JsonObject
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
        });
    }
}
