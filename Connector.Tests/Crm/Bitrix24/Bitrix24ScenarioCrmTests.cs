using System.Text.Json.Nodes;
using Connector.Crm.Bitrix24;
using Connector.Crm.Bitrix24.Installs;
using Connector.Crm.Bitrix24.Portals;
using Connector.Crm.Bitrix24.Scenarios;
using Connector.Crm.Bitrix24.Timeline;
using Connector.Sandbox;
using Connector.Scenarios;
using Connector.Store;
using Connector.Sync;
using Connector.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Crm.Bitrix24;

/// <summary>
/// The scenario CRM steps on the sandbox portal through the real client: crm.deal.update moves the deal, crm.deal.get
/// reads it back, crm.activity.todo.add adds a to-do for the given user; a move whose answer is lost after the portal
/// did it is uncertain, and the read-back shows it happened (so the step is settled, not sent again).
/// </summary>
[CancelAfter(120_000)]
public sealed class Bitrix24ScenarioCrmTests
{
    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [Test]
    public async Task MoveGetTodo_OnTheSandbox_TimeoutAfterTheMove_IsUncertainAndTheReadShowsIt_PortalZoneStored()
    {
        await using var sync = await SyncRig.StartAsync(new SandboxOptions { Seed = 3, Contacts = 5, Deals = 3 });
        Assert.That((await sync.RunAsync(SyncMode.Full)).Succeeded, Is.True);
        var portalId = await sync.Queries.PortalIdAsync("sandbox", Token) ?? throw new InvalidOperationException("no portal");
        await using var connection = await sync.Services.GetRequiredService<SqliteConnectionFactory>().OpenAsync(Token);
        var zone = await Dapper.SqlMapper.ExecuteScalarAsync<string?>(connection, "SELECT time_zone FROM portals WHERE id = @Id", new { Id = portalId });
        var deal = sync.Crm.Deals[0];
        var target = sync.Crm.Stages.First(s => s.CategoryId == deal.CategoryId && s.StatusId != deal.StageId && !s.IsFinal).StatusId;
        var losing = new LosingCallClient(sync.Services.GetRequiredService<IBitrix24Client>(), "crm.deal.update");
        var sut = new Bitrix24ScenarioCrm(() => losing, new Bitrix24TimelinePortals(sync.Services.GetRequiredService<SqliteConnectionFactory>()),
            sync.Services.GetRequiredService<Bitrix24InstallStore>(), Bitrix24ConfiguredPortals.Of(sync.Portal));

        var moved = await sut.MoveDealAsync(portalId, deal.Id, target, Token);
        var read = await sut.DealStageAsync(portalId, deal.Id, Token);
        var spec = new ScenarioTodo(deal.Id, new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero), "Call", "Offer sent", deal.AssignedById);
        var before = await sut.FindTodoAsync(portalId, spec, Token);
        var todo = await sut.AddTodoAsync(portalId, spec, Token);
        var found = await sut.FindTodoAsync(portalId, spec, Token);
        var missing = await sut.AddTodoAsync(portalId, new ScenarioTodo(999_999, DateTimeOffset.UnixEpoch, "Call", "", null), Token);
        var unknownStage = await new Bitrix24ScenarioCrm(() => sync.Services.GetRequiredService<IBitrix24Client>(), new Bitrix24TimelinePortals(sync.Services.GetRequiredService<SqliteConnectionFactory>()),
            sync.Services.GetRequiredService<Bitrix24InstallStore>(), Bitrix24ConfiguredPortals.Of(sync.Portal)).MoveDealAsync(portalId, deal.Id, "NO_SUCH_STAGE", Token);

        Assert.Multiple(() =>
        {
            Assert.That(zone, Is.EqualTo("+03:00"), "a full sync stores the portal's offset from server.time");
            Assert.That((moved.Kind, losing.Lost), Is.EqualTo((CrmStepResultKind.Uncertain, 1)));
            Assert.That(read, Is.EqualTo(CrmStepResult.Done(target)), "the portal did it; the read settles the step");
            Assert.That(todo.Kind, Is.EqualTo(CrmStepResultKind.Done));
            Assert.That((before, found), Is.EqualTo((CrmStepResult.Done(null), CrmStepResult.Done(todo.Detail))), "crm.activity.list reads it back");
            Assert.That(sync.Crm.Todos.Select(t => (t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), t.OwnerTypeId, t.OwnerId, t.Deadline, t.Title, t.ResponsibleId)),
                Is.EqualTo(new[] { (todo.Detail, 2, deal.Id, "2026-12-03T09:00:00+00:00", "Call", deal.AssignedById) }));
            Assert.That(missing.Kind, Is.EqualTo(CrmStepResultKind.Refused));
            Assert.That(unknownStage.Kind, Is.EqualTo(CrmStepResultKind.Refused));
        });
    }

    [Test]
    public async Task TodoAdd_OnTheWire_RequiredFieldsAndTheListView()
    {
        await using var host = await Connector.Tests.Sandbox.SandboxTestHost.StartAsync(new SandboxOptions { Contacts = 1, Deals = 1 });
        var deal = host.Portal.Deals[0].Id;

        var noDeadline = await host.PostAsync("crm.activity.todo.add", new { ownerTypeId = 2, ownerId = deal });
        var badDate = await host.PostAsync("crm.activity.todo.add", new { ownerTypeId = 2, ownerId = deal, deadline = "tomorrow" });
        var added = await host.PostAsync("crm.activity.todo.add", new { ownerTypeId = 2, ownerId = deal, deadline = "2025-02-03T15:00:00+03:00", title = "Call", responsibleId = 5 });
        var listed = await host.PostAsync("crm.activity.list", new { filter = new Dictionary<string, object> { ["OWNER_TYPE_ID"] = 2, ["OWNER_ID"] = deal } });

        Assert.Multiple(() =>
        {
            Assert.That((noDeadline.Body["error"]?.ToString(), noDeadline.Body["error_description"]?.ToString()), Is.EqualTo(("100", "Could not find value for parameter {deadline}")));
            Assert.That(badDate.Body["error"]?.ToString(), Is.EqualTo("WRONG_DATETIME_FORMAT"));
            Assert.That(added.Body["result"]?["id"]?.GetValue<long>(), Is.GreaterThan(0));
            Assert.That(listed.Body["result"]?[0]?["ID"]?.ToString(), Is.EqualTo(added.Body["result"]?["id"]?.ToString()));
            Assert.That((listed.Body["result"]?[0]?["PROVIDER_ID"]?.ToString(), listed.Body["result"]?[0]?["RESPONSIBLE_ID"]?.GetValueKind()),
                Is.EqualTo(("CRM_TODO", System.Text.Json.JsonValueKind.String)), "numbers as strings");
        });
    }

    /// <summary>The real client, except the first call of <paramref name="method"/> reaches the portal and its answer is lost.</summary>
    private sealed class LosingCallClient(IBitrix24Client inner, string method) : IBitrix24Client
    {
        public int Lost { get; private set; }

        public async Task<Bitrix24Response<JsonElementResult>> CallAsync(Bitrix24Portal portal, string name, JsonObject parameters, bool idempotent, CancellationToken cancellationToken)
        {
            var response = await inner.CallAsync(portal, name, parameters, idempotent, cancellationToken);
            if (name == method && Lost++ == 0)
            {
                return Bitrix24Response<JsonElementResult>.Fail(new Bitrix24Error(Bitrix24ErrorKind.Unreachable, "TIMEOUT", $"{name}: no answer within 60 s"));
            }

            return response;
        }

        public Task<Bitrix24Response<Bitrix24BatchOutcome>> BatchAsync(Bitrix24Portal portal, IReadOnlyList<Bitrix24BatchCommand> commands, bool idempotent, CancellationToken cancellationToken) =>
            inner.BatchAsync(portal, commands, idempotent, cancellationToken);

        public Bitrix24Counters CountersFor(Bitrix24Portal portal) => inner.CountersFor(portal);

        public void SetPlan(Bitrix24Portal portal, Bitrix24Plan plan) => inner.SetPlan(portal, plan);
    }
}
