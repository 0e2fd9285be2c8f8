using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Crm.Bitrix24.Installs;
using Connector.Crm.Bitrix24.Portals;
using Connector.Crm.Bitrix24.Timeline;
using Connector.Scenarios;

namespace Connector.Crm.Bitrix24.Scenarios;

/// <summary>
/// <see cref="IScenarioCrm"/> on Bitrix24, one call each through the shared client, none retried on a timeout
/// (idempotent: false): <c>crm.deal.update {id, fields: {STAGE_ID}}</c> (api-reference/crm/deals/crm-deal-update.md),
/// <c>crm.deal.get {id}</c> → STAGE_ID (crm-deal-get.md, idempotent) and <c>crm.activity.todo.add {ownerTypeId: 2, ownerId,
/// deadline, title, description, responsibleId}</c> → <c>{"id": N}</c> (api-reference/crm/timeline/activities/todo/crm-activity-todo-add.md).
/// An unanswered to-do is looked for with <c>crm.activity.list</c> before it is sent again. Errors by kind: refused before running (QUERY_LIMIT_EXCEEDED, OPERATION_TIME_LIMIT, auth) is not sent; no answer or a
/// 5xx is uncertain; the method's own refusal (not found, access denied, bad stage) is refused.
/// </summary>
public sealed class Bitrix24ScenarioCrm(
    Func<IBitrix24Client> client, Bitrix24TimelinePortals portals, Bitrix24InstallStore installs, Bitrix24ConfiguredPortals configured) : IScenarioCrm
{
    public const int DealOwnerType = 2;

    public async Task<CrmStepResult> MoveDealAsync(long portalId, long dealId, string stage, CancellationToken cancellationToken) =>
        await CallAsync(portalId, "crm.deal.update", new JsonObject { ["id"] = dealId, ["fields"] = new JsonObject { ["STAGE_ID"] = stage } },
            idempotent: false, result => result.ValueKind == JsonValueKind.True ? CrmStepResult.Done(stage) : new CrmStepResult(CrmStepResultKind.Refused, result.GetRawText()),
            cancellationToken);

    public async Task<CrmStepResult> DealStageAsync(long portalId, long dealId, CancellationToken cancellationToken) =>
        await CallAsync(portalId, "crm.deal.get", new JsonObject { ["id"] = dealId }, idempotent: true,
            result => result.ValueKind == JsonValueKind.Object && result.TryGetProperty("STAGE_ID", out var stage)
                ? CrmStepResult.Done(stage.GetString())
                : new CrmStepResult(CrmStepResultKind.Uncertain, "crm.deal.get answered without STAGE_ID"),
            cancellationToken);

    public async Task<CrmStepResult> AddTodoAsync(long portalId, ScenarioTodo todo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(todo);
        var parameters = new JsonObject
        {
            ["ownerTypeId"] = DealOwnerType, ["ownerId"] = todo.DealId,
            ["deadline"] = todo.Deadline.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["title"] = todo.Title, ["description"] = todo.Description,
        };
        if (todo.ResponsibleId is { } responsible)
        {
            parameters["responsibleId"] = responsible;
        }

        return await CallAsync(portalId, "crm.activity.todo.add", parameters, idempotent: false,
            result => result.ValueKind == JsonValueKind.Object && result.TryGetProperty("id", out var id)
                ? CrmStepResult.Done(id.ValueKind == JsonValueKind.String ? id.GetString() : id.GetRawText())
                : new CrmStepResult(CrmStepResultKind.Uncertain, "crm.activity.todo.add answered without an id"),
            cancellationToken);
    }

    /// <summary>
    /// crm.activity.list {filter: {OWNER_TYPE_ID: 2, OWNER_ID, PROVIDER_ID: CRM_TODO}} (api-reference/crm/timeline/activities/activity-base/crm-activity-list.md;
    /// to-dos are read back this way, …/activities/todo/index.md), matched by SUBJECT (the to-do's title) on the first page.
    /// </summary>
    public async Task<CrmStepResult> FindTodoAsync(long portalId, ScenarioTodo todo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(todo);
        var parameters = new JsonObject
        {
            ["filter"] = new JsonObject { ["OWNER_TYPE_ID"] = DealOwnerType, ["OWNER_ID"] = todo.DealId, ["PROVIDER_ID"] = "CRM_TODO" },
            ["select"] = new JsonArray("ID", "SUBJECT"),
            ["order"] = new JsonObject { ["ID"] = "DESC" },
        };
        return await CallAsync(portalId, "crm.activity.list", parameters, idempotent: true, result =>
        {
            if (result.ValueKind != JsonValueKind.Array)
            {
                return new CrmStepResult(CrmStepResultKind.Uncertain, "crm.activity.list answered no list");
            }

            var found = result.EnumerateArray().FirstOrDefault(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("SUBJECT", out var s) && s.GetString() == todo.Title);
            return CrmStepResult.Done(found.ValueKind == JsonValueKind.Object && found.TryGetProperty("ID", out var id) ? id.ToString() : null);
        }, cancellationToken);
    }

    private async Task<CrmStepResult> CallAsync(long portalId, string method, JsonObject parameters, bool idempotent,
        Func<JsonElement, CrmStepResult> read, CancellationToken cancellationToken)
    {
        if (await PortalAsync(portalId, cancellationToken) is not { } portal)
        {
            return new CrmStepResult(CrmStepResultKind.NotSent, "portal not available (no active install or webhook)");
        }

        var response = await client().CallAsync(portal, method, parameters, idempotent, cancellationToken);
        return response.IsSuccess ? read(response.Value.Result) : new CrmStepResult(Kind(response.Error), response.Error.ToString());
    }

    private static CrmStepResultKind Kind(Bitrix24Error error) => error.Kind switch
    {
        Bitrix24ErrorKind.RateLimited or Bitrix24ErrorKind.OperatingLimit or Bitrix24ErrorKind.Auth => CrmStepResultKind.NotSent,
        Bitrix24ErrorKind.Server when error.Code == Bitrix24Error.OverloadLimit => CrmStepResultKind.NotSent,
        Bitrix24ErrorKind.Unreachable when error.Code == "NETWORK" && error.Description.Contains("ConnectionError", StringComparison.Ordinal) => CrmStepResultKind.NotSent,
        Bitrix24ErrorKind.Unreachable or Bitrix24ErrorKind.InvalidResponse or Bitrix24ErrorKind.Server => CrmStepResultKind.Uncertain,
        _ => CrmStepResultKind.Refused,
    };

    private async Task<Bitrix24Portal?> PortalAsync(long portalId, CancellationToken cancellationToken)
    {
        if (await portals.FindAsync(portalId, cancellationToken) is not { } row)
        {
            return null;
        }

        if ((await configured.ListAsync(cancellationToken)).FirstOrDefault(p => p.Key == row.Key) is { } webhook)
        {
            return webhook;
        }

        return await installs.GetAsync(row.Key, cancellationToken) is { IsActive: true } install ? install.ToPortal() : null;
    }
}
