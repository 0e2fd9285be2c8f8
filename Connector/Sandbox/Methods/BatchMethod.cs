using System.Text.Json.Nodes;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// <c>batch</c> (settings/how-to-call-rest-api/batch.md): up to 50 <c>cmd{key:"method?query"}</c> run in order,
/// references to earlier results substituted, <c>halt</c> stops at the first error. HTTP 200 even with sub-errors,
/// which go to <c>result_error</c>; every empty map is serialised as <c>[]</c> as PHP does. Each sub-call is
/// charged its own operating time; the batch itself counts once for the leaky bucket.
/// </summary>
public static class BatchMethod
{
    public const int MaxCommands = 50;

    public static SandboxResponse Run(SandboxPortal portal, JsonObject parameters, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var commands = Commands(SandboxParams.Get(parameters, "cmd"));
        if (commands.Count > MaxCommands)
        {
            return new SandboxResponse(SandboxError.BatchLengthExceeded.Status, SandboxError.BatchLengthExceeded.ToJson());
        }

        var halt = SandboxParams.IsTruthy(SandboxParams.Get(parameters, "halt"));
        JsonObject results = [], errors = [], totals = [], nexts = [], times = [];
        var processing = 0.0;
        foreach (var (key, command) in commands)
        {
            var question = command.IndexOf('?', StringComparison.Ordinal);
            var method = question < 0 ? command : command[..question];
            var query = PhpQueryParser.Parse(question < 0 ? string.Empty : command[(question + 1)..]);
            BatchReferences.Apply(query, results, totals, nexts);
            var error = Execute(portal, method, query, now, key, results, totals, nexts, times, ref processing);
            if (error is not null)
            {
                errors[key] = error.ToJson();
                if (halt)
                {
                    break;
                }
            }
        }

        var body = new JsonObject
        {
            ["result"] = new JsonObject
            {
                ["result"] = MapOrEmptyArray(results),
                ["result_error"] = MapOrEmptyArray(errors),
                ["result_total"] = MapOrEmptyArray(totals),
                ["result_next"] = MapOrEmptyArray(nexts),
                ["result_time"] = MapOrEmptyArray(times),
            },
            ["time"] = SandboxTime.Build(now, processing, 0, now.ToUnixTimeSeconds() + 600),
        };
        return new SandboxResponse(200, body);
    }

    private static SandboxError? Execute(
        SandboxPortal portal, string method, JsonObject query, DateTimeOffset now, string key,
        JsonObject results, JsonObject totals, JsonObject nexts, JsonObject times, ref double processing)
    {
        if (!SandboxMethods.TryResolve(method, out var name, out var handler))
        {
            return SandboxError.MethodNotFound;
        }

        if (handler is null)
        {
            return SandboxError.BatchMethodNotAllowed;
        }

        var (result, time) = portal.Invoke(name, handler, query, now);
        if (result.Error is { } error)
        {
            return error;
        }

        results[key] = result.Result;
        if (result.Total is { } total)
        {
            totals[key] = total;
        }

        if (result.Next is { } next)
        {
            nexts[key] = next;
        }

        times[key] = time;
        processing += time?["processing"]?.GetValue<double>() ?? 0;
        return null;
    }

    private static List<(string Key, string Command)> Commands(JsonNode? cmd) => cmd switch
    {
        JsonObject obj => [.. obj.Select(p => (p.Key, SandboxParams.AsString(p.Value) ?? string.Empty))],
        JsonArray array => [.. array.Select((v, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), SandboxParams.AsString(v) ?? string.Empty))],
        _ => [],
    };

    private static JsonNode MapOrEmptyArray(JsonObject map) => map.Count == 0 ? new JsonArray() : map;
}
