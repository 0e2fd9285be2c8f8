using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Connector.Operations.Telemetry;

/// <summary>
/// The connector's meter and activity source, both named <see cref="Name"/>: the event counters the slices add to where a
/// send, a bounce or a tracking hit happens (one line each), and the spans around a sync pass and a send batch. The
/// gauges read state and belong to a host (<see cref="ConnectorGauges"/>). Labels carry portal keys, send keys, results
/// and kinds, never CRM personal data. Nothing is recorded unless a listener (OpenTelemetry) subscribes.
/// </summary>
public static class ConnectorTelemetry
{
    public const string Name = "CrmEspBridge";

    public static readonly Meter Meter = new(Name);

    public static readonly ActivitySource Source = new(Name);

    private static readonly Counter<long> Sends = Meter.CreateCounter<long>("crm_esp.sends", "{message}",
        "Ledger rows settled by a send runner, by result (sent, deferred, failed, unknown, suppressed, expired, held, skipped)");

    private static readonly Counter<long> Bounces = Meter.CreateCounter<long>("crm_esp.bounces", "{bounce}", "Bounces recorded, by kind (hard, soft, policy)");

    private static readonly Counter<long> Complaints = Meter.CreateCounter<long>("crm_esp.complaints", "{complaint}", "Complaints (feedback reports) recorded");

    private static readonly Counter<long> Hits = Meter.CreateCounter<long>("crm_esp.tracking.hits", "{hit}", "Tracking hits taken in, by kind (open, click, unsubscribe)");

    /// <summary><paramref name="count"/> rows settled with <paramref name="result"/> (a ledger state).</summary>
    public static void Sent(string result, int count)
    {
        if (count > 0 && Sends.Enabled)
        {
            Sends.Add(count, new KeyValuePair<string, object?>("result", result));
        }
    }

    /// <summary>A new bounce event; <c>complaint</c> counts as a complaint, anything else as a bounce of that kind.</summary>
    public static void Bounced(string kind)
    {
        if (string.Equals(kind, "complaint", StringComparison.Ordinal))
        {
            Complaints.Add(1);
        }
        else
        {
            Bounces.Add(1, new KeyValuePair<string, object?>("kind", kind));
        }
    }

    public static void Tracked(string kind) => Hits.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>A span around one sync pass of one portal (null when nobody listens).</summary>
    public static Activity? SyncPass(string portal, string mode)
    {
        var activity = Source.StartActivity("sync.pass");
        activity?.SetTag("crm_esp.portal", portal);
        activity?.SetTag("crm_esp.sync.mode", mode);
        return activity;
    }

    /// <summary>A span around one send batch.</summary>
    public static Activity? SendBatch(string? sendKey, int rows)
    {
        var activity = Source.StartActivity("send.batch");
        activity?.SetTag("crm_esp.send_key", sendKey);
        activity?.SetTag("crm_esp.rows", rows);
        return activity;
    }
}
