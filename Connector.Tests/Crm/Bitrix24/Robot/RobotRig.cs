using System.Globalization;
using Connector.Sandbox;
using Connector.Store;
using Connector.Templates;
using Connector.Tests.Crm.Bitrix24.App;
using Connector.Tests.Sending;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Crm.Bitrix24.Robot;

/// <summary>
/// The served connector as a marketplace app (<see cref="AppRig"/>) that can send: SMTP to a real smtp-sink (or a dead
/// port), DKIM keys, the scenario, runner and robot-answer jobs every second, and the template <c>proposal</c> stored.
/// </summary>
internal sealed class RobotRig : IAsyncDisposable
{
    public const string RobotCode = "crmespbridge_send_email";
    public const string Template = "proposal";

    private readonly SendingRig _keys;

    private RobotRig(AppRig app, SendingRig keys)
    {
        App = app;
        _keys = keys;
    }

    public AppRig App { get; }

    public SandboxPortal Crm => App.Portal.Portal;

    public static async Task<RobotRig> StartAsync(int smtpPort, int answerIntervalSeconds = 1)
    {
        var keys = new SendingRig();
        var app = await AppRig.StartAsync(new SandboxOptions { Seed = 5, Contacts = 12, Deals = 8 }, new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
            ["Sender:FromAddress"] = "news@example.com", ["Sender:PostalAddress"] = "1 Tverskaya st., Moscow", ["Dkim:Domain"] = "example.com",
            ["Dkim:KeyFolder"] = keys.KeyFolder, ["Tracking:BaseUrl"] = "https://t.example.com", ["Bounces:Domain"] = "bounces.example.com",
            ["Sending:Runner:PollIntervalSeconds"] = "1", ["Scenarios:IntervalSeconds"] = "1", ["App:RobotAnswerIntervalSeconds"] = answerIntervalSeconds.ToString(CultureInfo.InvariantCulture),
            ["Timeline:Enabled"] = "false",
        });
        var rig = new RobotRig(app, keys);
        var errors = await app.View.GetRequiredService<TemplateStore>().SaveAsync(new TemplateFile
        {
            Name = Template, Version = 1, Subject = "Proposal for {{ deal.title }}",
            Html = "<p>Hello {{ contact.name }}, here is our proposal.</p><p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>",
            Text = "Hello {{ contact.name }}, here is our proposal.",
        }, TestContext.CurrentContext.CancellationToken);
        Assert.That(errors, Is.Empty, string.Join("; ", errors));
        return rig;
    }

    /// <summary>Installs the app and waits for the first full sync (the robot's deal must be in the mirror).</summary>
    public async Task InstallAsync()
    {
        var result = await App.InstallAsync();
        Assert.That(result.Installed, Is.True, result.Body);
        Assert.That(await AppRig.EventuallyAsync(() => App.BaselineAsync(), 60), Is.True, "the first full sync");
    }

    /// <summary>A deal of pipeline 0 not at PREPARATION whose first contact has an e-mail.</summary>
    public SandboxDeal MailableDeal() => Crm.Deals.First(d => d.CategoryId == 0 && d.StageId != "PREPARATION" && d.ContactIds.Count > 0
        && Crm.Contacts.First(c => c.Id == d.ContactIds[0]).Emails.Any(e => e.Value.Contains('@', StringComparison.Ordinal)));

    public async Task<long> CountAsync(string sql)
    {
        var connections = App.View.GetRequiredService<SqliteConnectionFactory>();
        await using var connection = await connections.OpenAsync(TestContext.CurrentContext.CancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, cancellationToken: TestContext.CurrentContext.CancellationToken));
    }

    /// <summary>POSTs a robot form to the connector's handler as the portal's queue server does.</summary>
    public async Task<(int Status, string Body)> PostAsync(IEnumerable<KeyValuePair<string, string>> form)
    {
        using var http = new HttpClient();
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(new Uri(App.Connector, "b24/robot/send-email"), content, TestContext.CurrentContext.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.CurrentContext.CancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        _keys.Dispose();
    }
}
