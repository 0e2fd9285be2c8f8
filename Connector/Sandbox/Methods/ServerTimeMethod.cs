using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Methods;

/// <summary>
/// server.time (api-reference/common/system/server-time.md): the server's current time as <c>YYYY-MM-DDThh:mm:ss±hh:mm</c>,
/// no parameters. The sandbox portal's server runs at UTC+03:00 (Moscow, where most Bitrix24 cloud portals are hosted).
/// </summary>
public static class ServerTimeMethod
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(3);

    public static SandboxCallResult Run(SandboxPortal portal, JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(portal);
        return SandboxCallResult.Ok(JsonValue.Create(portal.Now.ToOffset(Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)));
    }
}
