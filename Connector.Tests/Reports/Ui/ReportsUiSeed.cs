using Connector.Tests.Api;

namespace Connector.Tests.Reports.Ui;

/// <summary>Rows of the send ledger, engagement store and bounce events written straight into an <see cref="ApiRig"/>'s store.</summary>
internal sealed class ReportsUiSeed(ApiRig rig)
{
    public Task KeyAsync(long portalId, string sendKey, string name, string createdAt, string kind = "Campaign") => rig.ExecuteAsync(
        "INSERT INTO send_keys (send_key, portal_id, name, kind, created_at) VALUES (@Key, @Portal, @Name, @Kind, @At)",
        new { Key = sendKey, Portal = portalId, Name = name, Kind = kind, At = createdAt });

    /// <summary>A ledger row; its updated_at is the send (or failure) time.</summary>
    public async Task<long> MessageAsync(string sendKey, string recipient, string at, string state = "sent", int? replyCode = null, long contactId = 1)
    {
        await rig.ExecuteAsync("""
            INSERT INTO send_ledger (send_key, recipient, contact_id, state, due_at, next_attempt_at, reply_code, created_at, updated_at)
            VALUES (@Key, @Recipient, @Contact, @State, @At, @At, @Reply, @At, @At)
            """, new { Key = sendKey, Recipient = recipient, Contact = contactId, State = state, Reply = replyCode, At = at });
        return await rig.CountAsync("SELECT id FROM send_ledger WHERE send_key = @Key AND recipient = @Recipient", new { Key = sendKey, Recipient = recipient });
    }

    public Task EngagementAsync(long ledgerId, int opens, int humanOpens, string? firstHumanOpenAt, int clicks = 0, int humanClicks = 0,
        string? firstHumanClickAt = null, string? unsubscribedAt = null) => rig.ExecuteAsync("""
        INSERT INTO engagement_messages (ledger_id, contact_id, opens, human_opens, first_human_open_at, clicks, human_clicks, first_human_click_at, unsubscribed_at)
        VALUES (@Id, 1, @Opens, @HumanOpens, @FirstOpen, @Clicks, @HumanClicks, @FirstClick, @Unsub)
        """, new { Id = ledgerId, Opens = opens, HumanOpens = humanOpens, FirstOpen = firstHumanOpenAt, Clicks = clicks, HumanClicks = humanClicks, FirstClick = firstHumanClickAt, Unsub = unsubscribedAt });

    public Task HitAsync(long ledgerId, string kind, string at, bool machine = false, string? url = null) => rig.ExecuteAsync(
        "INSERT INTO engagement_hits (ledger_id, contact_id, kind, url, at, machine) VALUES (@Id, 1, @Kind, @Url, @At, @Machine)",
        new { Id = ledgerId, Kind = kind, Url = url, At = at, Machine = machine ? 1 : 0 });

    public Task LinkAsync(long ledgerId, string url, int clicks, int humanClicks) => rig.ExecuteAsync(
        "INSERT INTO engagement_links (ledger_id, url, clicks, human_clicks, first_click_at) VALUES (@Id, @Url, @Clicks, @Human, '2026-11-02T09:30:00.0000000Z')",
        new { Id = ledgerId, Url = url, Clicks = clicks, Human = humanClicks });

    public Task BounceAsync(long ledgerId, string recipient, string kind) => rig.ExecuteAsync(
        "INSERT INTO bounce_events (ledger_id, recipient, kind, source, at) VALUES (@Id, @Recipient, @Kind, 'hook', '2026-11-02T10:00:00.0000000Z')",
        new { Id = ledgerId, Recipient = recipient, Kind = kind });

    public Task LetterAsync(long ledgerId, long portalId, string template, int version, string variables = "{}") => rig.ExecuteAsync("""
        INSERT INTO queued_letters (ledger_id, portal_id, template_name, template_version, variables, list_name, created_at)
        VALUES (@Id, @Portal, @Template, @Version, @Variables, @Template, '2026-11-02T09:00:00.0000000Z')
        """, new { Id = ledgerId, Portal = portalId, Template = template, Version = version, Variables = variables });

    /// <summary>Sent messages of a key, the first <paramref name="opened"/> with a human open.</summary>
    public async Task SentAsync(string sendKey, int count, int opened, string at)
    {
        for (var i = 0; i < count; i++)
        {
            var id = await MessageAsync(sendKey, $"r{i}@{sendKey.Replace(':', '-')}.example", at);
            if (i < opened)
            {
                await EngagementAsync(id, 1, 1, at);
                await HitAsync(id, "open", at);
            }
        }
    }
}
