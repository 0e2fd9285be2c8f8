using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Connector.Sandbox;

public sealed partial class SandboxPortal
{
    private readonly List<SandboxRobot> _robots = [];
    private readonly List<SandboxPlacedRobot> _placedRobots = [];
    private readonly List<SandboxRobotRun> _robotRuns = [];
    private readonly byte[] _robotKey = RandomNumberGenerator.GetBytes(32);
    private long _nextRobotEvent = 1;

    /// <summary>The app's registered robots.</summary>
    public IReadOnlyList<SandboxRobot> Robots => Snapshot(_robots);

    public IReadOnlyList<SandboxPlacedRobot> PlacedRobots => Snapshot(_placedRobots);

    /// <summary>Every robot run so far, oldest first.</summary>
    public IReadOnlyList<SandboxRobotRun> RobotRuns => Snapshot(_robotRuns);

    internal List<SandboxRobot> RobotList => _robots;

    internal List<SandboxRobotRun> RobotRunList => _robotRuns;

    /// <summary>
    /// An admin places a robot on a deal stage (the automation settings of the pipeline): each deal that moves into
    /// <see cref="SandboxPlacedRobot.Stage"/> from then on runs it once. The robot need not be registered yet; it runs only while it is.
    /// </summary>
    public void PlaceRobot(SandboxPlacedRobot placed)
    {
        ArgumentNullException.ThrowIfNull(placed);
        lock (_lock)
        {
            _placedRobots.Add(placed);
        }
    }

    /// <summary>Whether <paramref name="token"/> is one this portal signed (CORE generateToken/extractToken: a Signer with salt bizproc).</summary>
    internal bool RobotTokenValid(string token)
    {
        var dot = token.LastIndexOf('.');
        return dot > 0 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(token[..dot])), Encoding.ASCII.GetBytes(token[(dot + 1)..]));
    }

    // Runs under the lock, after a deal entered a stage: one POST per placed robot there (bitrix24-automation.md §6.3).
    private void RunRobots(SandboxDeal deal)
    {
        if (!_installed || _applicationToken is not { } applicationToken)
        {
            return;
        }

        foreach (var placed in _placedRobots.Where(p => string.Equals(p.Stage, deal.StageId, StringComparison.OrdinalIgnoreCase)))
        {
            if (_robots.FirstOrDefault(r => string.Equals(r.Code, placed.Code, StringComparison.OrdinalIgnoreCase)) is not { } robot)
            {
                continue;
            }

            var form = RobotForm(robot, placed, deal, applicationToken, out var token);
            _robotRuns.Add(new SandboxRobotRun(token, robot.Code, deal.Id, form, Now) { Closed = !robot.UseSubscription });
            Queue(robot.Handler, form);
        }
    }

    private List<KeyValuePair<string, string>> RobotForm(SandboxRobot robot, SandboxPlacedRobot placed, SandboxDeal deal, string applicationToken, out string token)
    {
        // workflow id like 55c1dc1c3f0d75.78875596; token workflowId|activityName|eventId, then '.' and the signature.
        var workflow = $"{RandomNumberGenerator.GetHexString(14, lowercase: true)}.{RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture)}";
        var payload = $"{workflow}|A{Text(_nextRobotEvent++)}_{Text(deal.Id)}|{RandomNumberGenerator.GetHexString(32)}";
        token = $"{payload}.{Sign(payload)}";
        var grant = _tokens.Issue();
        List<KeyValuePair<string, string>> form =
        [
            new("workflow_id", workflow), new("code", robot.Code),
            new("document_id[0]", "crm"), new("document_id[1]", "CCrmDocumentDeal"), new("document_id[2]", $"DEAL_{Text(deal.Id)}"),
            new("document_type[0]", "crm"), new("document_type[1]", "CCrmDocumentDeal"), new("document_type[2]", "DEAL"),
            new("event_token", token),
        ];

        // The dialog's values with the robot's defaults applied; an empty one is "".
        foreach (var (key, definition) in robot.Properties)
        {
            var value = placed.Properties.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.Ordinal)).Value
                ?? (definition as System.Text.Json.Nodes.JsonObject)?.FirstOrDefault(p => string.Equals(p.Key, "Default", StringComparison.OrdinalIgnoreCase)).Value?.ToString()
                ?? "";
            form.Add(new($"properties[{key}]", value));
        }

        form.Add(new("use_subscription", robot.UseSubscription ? "Y" : "N"));
        form.Add(new("timeout_duration", Text(placed.TimeoutSeconds)));
        form.Add(new("ts", Unix(_timeProvider.GetUtcNow())));
        form.AddRange(new KeyValuePair<string, string>[]
        {
            new("access_token", grant.AccessToken), new("expires", Unix(grant.ExpiresAt)), new("expires_in", Text(grant.ExpiresIn)), new("scope", Scope),
            new("domain", DomainCore), new("server_endpoint", ServerEndpointCore), new("status", AppStatus), new("client_endpoint", ClientEndpointCore.ToString()),
            new("member_id", Options.MemberId), new("user_id", Text(robot.AuthUserId ?? Options.WebhookUserId)), new("refresh_token", grant.RefreshToken),
            new("application_token", applicationToken),
        }.Select(p => new KeyValuePair<string, string>($"auth[{p.Key}]", p.Value)));
        return form;
    }

    private string Sign(string payload) => Convert.ToHexStringLower(HMACSHA256.HashData(_robotKey, Encoding.UTF8.GetBytes("bizproc:" + payload)));
}
