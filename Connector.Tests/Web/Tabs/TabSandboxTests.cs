using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connector.Sandbox;
using Connector.Store;
using Connector.Tests.Crm.Bitrix24.App;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Web.Tabs;

/// <summary>
/// The deal tab against the sandbox portal: the first (full) sync mirrors the portal's users from user.get, so a deal
/// tab opened by a manager (a real placement POST, verified) names the stage, the pipeline and the responsible user.
/// </summary>
[NonParallelizable]
[CancelAfter(180_000)]
public sealed partial class TabSandboxTests
{
    [GeneratedRegex("<script type=\"application/json\" id=\"crmesp-context\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ContextScript();

    [Test]
    public async Task FullSync_MirrorsUsers_AndTheDealTabNamesStagePipelineAndResponsible(CancellationToken cancellationToken)
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();
        Assert.That(await AppRig.EventuallyAsync(() => rig.BaselineAsync()), Is.True, "the first full sync finished");
        var portalId = await rig.PortalIdAsync();
        var crm = rig.Portal.Portal;
        // Every seeded owner (1 to 8) is a portal user; take a deal whose responsible user user.get answers.
        var deal = crm.Deals.First(d => crm.UserById(d.AssignedById) is not null);
        await using (var connection = await rig.View.GetRequiredService<SqliteConnectionFactory>().OpenAsync(cancellationToken))
        {
            var users = (await connection.QueryAsync<(long Id, string Name, string LastName)>(
                "SELECT crm_id, name, last_name FROM users WHERE portal_id = @Portal ORDER BY crm_id", new { Portal = portalId })).ToList();
            Assert.That(users.Select(u => (u.Id, $"{u.Name} {u.LastName}")), Is.EquivalentTo(crm.Users.Select(u => (u.Id, $"{u.Name} {u.LastName}"))));
        }

        var page = await crm.OpenPlacementAsync("CRM_DEAL_DETAIL_TAB", deal.Id, withApplicationToken: false, cancellationToken, userId: SandboxUsers.ManagerId);
        var token = JsonDocument.Parse(ContextScript().Match(page.Body).Groups[1].Value).RootElement.GetProperty("token").GetString()!;
        using var http = new HttpClient { BaseAddress = rig.Connector };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync($"api/ui/tabs/deal/{deal.Id}", cancellationToken);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        var record = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.GetProperty("record");
        using var other = await http.GetAsync($"api/ui/tabs/deal/{crm.Deals.First(d => d.Id != deal.Id).Id}", cancellationToken);
        await TestContext.Out.WriteLineAsync($"sandbox deal tab GET /api/ui/tabs/deal/{deal.Id}: {elapsed:F1} ms (first request after the placement POST)");
        var responsible = crm.UserById(deal.AssignedById)!;

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(record.GetProperty("title").GetString(), Is.EqualTo(deal.Title));
            Assert.That(record.GetProperty("stageName").GetString(), Is.Not.Null.And.Not.EqualTo(deal.StageId), "a name, not the code");
            Assert.That(record.GetProperty("pipelineName").GetString(), Is.Not.Null);
            Assert.That(record.GetProperty("responsibleName").GetString(), Is.EqualTo($"{responsible.Name} {responsible.LastName}"));
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the tab's token reads only its own deal");
        });
    }
}
