using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connector.Sandbox;
using Microsoft.Extensions.Configuration;

namespace Connector.Cli;

/// <summary>
/// <c>crm-esp sandbox timeline --contact ID | --deal ID [--url URL]</c>: what a CRM user sees on that card's timeline in
/// the sandbox portal of a running serve — the app's log messages (crm.timeline.logmessage.list, pages of 10) and the
/// comments (crm.timeline.comment.list, pages of 50), read through the sandbox's webhook, oldest first.
/// </summary>
public static class SandboxTimelineCommand
{
    private const int MaxPages = 100;

    public static Command Create(IConfiguration configuration, Option<string> url)
    {
        var contact = new Option<long?>("--contact") { Description = "Contact ID in the sandbox portal" };
        var deal = new Option<long?>("--deal") { Description = "Deal ID in the sandbox portal" };
        var command = new Command("timeline", "Show a contact's or deal's timeline entries in the sandbox portal of a running serve") { contact, deal, url };
        command.SetAction(async (parse, ct) =>
        {
            var (contactId, dealId) = (parse.GetValue(contact), parse.GetValue(deal));
            if ((contactId is null) == (dealId is null))
            {
                await Console.Error.WriteLineAsync("crm-esp: sandbox timeline: give exactly one of --contact ID or --deal ID");
                return 2;
            }

            if (SandboxCommands.ServeUrl(parse.GetValue(url)) is not { } serve)
            {
                await Console.Error.WriteLineAsync($"crm-esp: sandbox timeline: --url must be an absolute http(s) address such as http://127.0.0.1:5080/, not '{parse.GetValue(url)}'");
                return 2;
            }

            var options = configuration.GetSection("Sandbox").Get<SandboxOptions>() ?? new SandboxOptions();
            var rest = new Uri(serve, $"sandbox/rest/{options.WebhookUserId}/{options.WebhookCode}/");
            var (typeId, typeName, id) = contactId is { } c ? (3, "contact", c) : (2, "deal", dealId!.Value);
            using var http = new HttpClient();
            try
            {
                var lines = new List<(long Id, string Line)>();
                foreach (var row in await PagesAsync(http, new Uri(rest, "crm.timeline.logmessage.list"), start => new JsonObject
                {
                    ["entityTypeId"] = typeId, ["entityId"] = id, ["order"] = new JsonObject { ["id"] = "asc" }, ["start"] = start,
                }, 10, ct))
                {
                    lines.Add((Long(row["id"]), $"{row["created"]}  log      {row["title"]} — {row["text"]}"));
                }

                foreach (var row in await PagesAsync(http, new Uri(rest, "crm.timeline.comment.list"), start => new JsonObject
                {
                    ["filter"] = new JsonObject { ["ENTITY_ID"] = id, ["ENTITY_TYPE"] = typeName }, ["order"] = new JsonObject { ["ID"] = "ASC" }, ["start"] = start,
                }, 50, ct))
                {
                    lines.Add((Long(row["ID"]), $"{row["CREATED"]}  comment  {row["COMMENT"]?.ToString().Replace('\n', ' ')}"));
                }

                await Console.Out.WriteLineAsync($"{typeName} {id}: {lines.Count} timeline entries");
                foreach (var (entryId, line) in lines.OrderBy(l => l.Id))
                {
                    await Console.Out.WriteLineAsync($"#{entryId.ToString(CultureInfo.InvariantCulture)}  {line}");
                }

                return 0;
            }
            catch (HttpRequestException ex)
            {
                await Console.Error.WriteLineAsync($"crm-esp: no sandbox at {serve} ({ex.HttpRequestError}); start ./scripts/run.sh first");
                return 1;
            }
            catch (InvalidOperationException ex)
            {
                await Console.Error.WriteLineAsync($"crm-esp: the sandbox refused: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<List<JsonObject>> PagesAsync(HttpClient http, Uri method, Func<int, JsonObject> body, int pageSize, CancellationToken cancellationToken)
    {
        var rows = new List<JsonObject>();
        for (var page = 0; page < MaxPages; page++)
        {
            using var response = await http.PostAsJsonAsync(method, body(page * pageSize), cancellationToken);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {answer}");
            }

            var result = JsonNode.Parse(answer)?["result"];
            var items = result is JsonObject wrapped ? wrapped["logMessages"] as JsonArray : result as JsonArray;
            rows.AddRange(items?.OfType<JsonObject>() ?? []);
            if (items is null || items.Count < pageSize)
            {
                break;
            }
        }

        return rows;
    }

    private static long Long(JsonNode? node) =>
        long.TryParse(node?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
