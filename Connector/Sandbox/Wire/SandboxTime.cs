using System.Text.Json.Nodes;

namespace Connector.Sandbox.Wire;

/// <summary>
/// The <c>time</c> object of every answer (api-reference/data-types.md#time, limits.md): start/finish as
/// double unix seconds, duration, processing, date_start/date_finish, operating_reset_at, operating.
/// Processing is the simulated execution time, so finish = start + processing.
/// </summary>
public static class SandboxTime
{
    public static JsonObject Build(DateTimeOffset start, double processing, double operating, long operatingResetAt)
    {
        var finish = start.AddSeconds(processing);
        return new JsonObject
        {
            ["start"] = start.ToUnixTimeMilliseconds() / 1000.0,
            ["finish"] = finish.ToUnixTimeMilliseconds() / 1000.0,
            ["duration"] = processing,
            ["processing"] = processing,
            ["date_start"] = SandboxDates.Format(start),
            ["date_finish"] = SandboxDates.Format(finish),
            ["operating_reset_at"] = operatingResetAt,
            ["operating"] = operating,
        };
    }
}
