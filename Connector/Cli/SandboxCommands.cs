using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connector.Sandbox;
using Microsoft.Extensions.Configuration;

namespace Connector.Cli;

/// <summary>
/// <c>crm-esp sandbox move-deal --deal ID --stage STAGE [--url URL]</c>: moves a deal in the sandbox portal of a running
/// <c>crm-esp serve</c>, as a sales manager would in the CRM; the portal then sends its event to the connector.
/// <c>crm-esp sandbox timeline --contact ID|--deal ID</c>: that record's timeline entries (<see cref="SandboxTimelineCommand"/>).
/// <c>crm-esp sandbox place-robot --stage STAGE --template NAME [--delay 2h] [--kind marketing|transactional]</c>: places the
/// connector's robot on a deal stage, as an admin does in the pipeline's automation settings; a deal moved there runs it.
/// </summary>
public static class SandboxCommands
{
    public static Command Create(IConfiguration configuration)
    {
        var deal = new Option<long>("--deal") { Description = "Deal ID in the sandbox portal", Required = true };
        var stage = new Option<string>("--stage") { Description = "Target stage ID, e.g. PREPARATION or C1:WON", Required = true };
        var url = new Option<string>("--url") { Description = "The running crm-esp serve (http or https, any path below it)", DefaultValueFactory = _ => "http://127.0.0.1:5080/" };
        var move = new Command("move-deal", "Move a deal to another stage in the sandbox portal of a running serve") { deal, stage, url };
        move.SetAction(async (parse, ct) =>
        {
            if (ServeUrl(parse.GetValue(url)) is not { } serve)
            {
                await Console.Error.WriteLineAsync($"crm-esp: sandbox move-deal: --url must be an absolute http(s) address such as http://127.0.0.1:5080/, not '{parse.GetValue(url)}'");
                return 2;
            }

            var options = configuration.GetSection("Sandbox").Get<SandboxOptions>() ?? new SandboxOptions();
            var endpoint = new Uri(serve, $"sandbox/rest/{options.WebhookUserId}/{options.WebhookCode}/crm.deal.update");
            using var http = new HttpClient();
            var body = new JsonObject { ["id"] = parse.GetValue(deal), ["fields"] = new JsonObject { ["STAGE_ID"] = parse.GetValue(stage) } };
            try
            {
                using var response = await http.PostAsJsonAsync(endpoint, body, ct);
                var answer = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode)
                {
                    await Console.Error.WriteLineAsync($"crm-esp: the sandbox refused the move (HTTP {(int)response.StatusCode}): {answer}");
                    return 1;
                }

                await Console.Out.WriteLineAsync($"deal {parse.GetValue(deal)} moved to {parse.GetValue(stage)}; see it with: crm-esp transitions --deal {parse.GetValue(deal)}");
                return 0;
            }
            catch (HttpRequestException ex)
            {
                await Console.Error.WriteLineAsync($"crm-esp: no sandbox at {serve} ({ex.HttpRequestError}); start ./scripts/run.sh first");
                return 1;
            }
        });
        return new Command("sandbox", "Act on the built-in sandbox portal of a running serve") { move, SandboxTimelineCommand.Create(configuration, url), PlaceRobot(url) };
    }

    private static Command PlaceRobot(Option<string> url)
    {
        var stage = new Option<string>("--stage") { Description = "Deal stage ID the robot runs on, e.g. PREPARATION", Required = true };
        var template = new Option<string>("--template") { Description = "The robot's template property (a stored template's name)", Required = true };
        var delay = new Option<string>("--delay") { Description = "The robot's delay property: 0, 30m, 2h, 1d", DefaultValueFactory = _ => "0" };
        var kind = new Option<string>("--kind") { Description = "The robot's kind property: marketing or transactional", DefaultValueFactory = _ => "marketing" };
        var robot = new Option<string>("--robot") { Description = "The robot's CODE", DefaultValueFactory = _ => "crmespbridge_send_email" };
        var command = new Command("place-robot", "Place the connector's robot on a deal stage in the sandbox portal of a running serve") { stage, template, delay, kind, robot, url };
        command.SetAction(async (parse, ct) =>
        {
            if (ServeUrl(parse.GetValue(url)) is not { } serve)
            {
                await Console.Error.WriteLineAsync($"crm-esp: sandbox place-robot: --url must be an absolute http(s) address such as http://127.0.0.1:5080/, not '{parse.GetValue(url)}'");
                return 2;
            }

            using var http = new HttpClient();
            var body = new JsonObject
            {
                ["code"] = parse.GetValue(robot), ["stage"] = parse.GetValue(stage),
                ["properties"] = new JsonObject { ["template"] = parse.GetValue(template), ["delay"] = parse.GetValue(delay), ["kind"] = parse.GetValue(kind) },
            };
            try
            {
                using var response = await http.PostAsJsonAsync(new Uri(serve, SandboxEndpoints.PlaceRobotRoute.TrimStart('/')), body, ct);
                var answer = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode)
                {
                    await Console.Error.WriteLineAsync($"crm-esp: the sandbox refused to place the robot (HTTP {(int)response.StatusCode}): {answer}");
                    return 1;
                }

                var registered = JsonNode.Parse(answer)?["registered"]?.GetValue<bool>() == true;
                await Console.Out.WriteLineAsync($"robot {parse.GetValue(robot)} placed on {parse.GetValue(stage)} (template {parse.GetValue(template)}, delay {parse.GetValue(delay)}, {parse.GetValue(kind)})"
                    + (registered ? "; move a deal there: crm-esp sandbox move-deal --deal ID --stage " + parse.GetValue(stage) : "; it runs once the app is installed and has registered it"));
                return 0;
            }
            catch (HttpRequestException ex)
            {
                await Console.Error.WriteLineAsync($"crm-esp: no sandbox at {serve} ({ex.HttpRequestError}); start ./scripts/run.sh first");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The serve's base address with a trailing slash (so a path prefix such as /crm-esp is kept); null when not absolute http(s).</summary>
    public static Uri? ServeUrl(string? text)
    {
        if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            return null;
        }

        var builder = new UriBuilder(uri) { Query = "", Fragment = "" };
        builder.Path = builder.Path.EndsWith('/') ? builder.Path : builder.Path + "/";
        return builder.Uri;
    }
}
