using System.Text.Json.Nodes;

namespace Connector.Crm.Bitrix24;

/// <summary>
/// The one door to a Bitrix24 portal's REST API: single calls and <c>batch</c>, metered per portal
/// (leaky bucket, operating-time budget), retried only where that is safe, and failing as values.
/// Nothing above this interface sees HTTP, tokens or Bitrix24 error strings other than through <see cref="Bitrix24Error"/>.
/// </summary>
public interface IBitrix24Client
{
    /// <summary>One REST method. <paramref name="idempotent"/> decides whether timeouts and code-less 5xx may be retried.</summary>
    Task<Bitrix24Response<JsonElementResult>> CallAsync(
        Bitrix24Portal portal, string method, JsonObject parameters, bool idempotent, CancellationToken cancellationToken);

    /// <summary><c>batch</c> with up to 50 commands; per-command errors come back inside the outcome, not as a failure.</summary>
    Task<Bitrix24Response<Bitrix24BatchOutcome>> BatchAsync(
        Bitrix24Portal portal, IReadOnlyList<Bitrix24BatchCommand> commands, bool idempotent, CancellationToken cancellationToken);

    /// <summary>Counters for one portal since the process started (requests sent, 503s seen, retries, waits).</summary>
    Bitrix24Counters CountersFor(Bitrix24Portal portal);

    /// <summary>Sets the portal's rate plan (2/s burst 50, or Enterprise 5/s burst 250) once <c>app.info</c> tells it.</summary>
    void SetPlan(Bitrix24Portal portal, Bitrix24Plan plan);
}
