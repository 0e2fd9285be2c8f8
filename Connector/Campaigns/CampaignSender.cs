using System.Diagnostics;
using System.Globalization;
using Connector.Sending;
using Connector.Sending.Composing;
using Connector.Sending.Hygiene;
using Connector.Sending.Ledger;
using Connector.Sending.Profiling;
using Connector.Sending.Settings;
using Connector.Store;
using Connector.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Connector.Campaigns;

/// <summary>
/// The campaign use case, for the CLI and the web host alike: take the recipients — a validated file (bad lines
/// skipped and named) or mirrored CRM contacts (<see cref="CampaignRecipients"/>) — → record the send key
/// (<c>send_keys</c>: portal, name, deal) → enqueue one ledger row per (send key, recipient) → render each row's letter
/// → send this key's due rows as one runner beside any others on the same store. Never sends a row twice (see <see cref="SendRunner"/>).
/// </summary>
public sealed class CampaignSender(
    SendingSetupSource setups, SendLedgerStore ledger, IMxResolver resolver, IOptions<SenderOptions> senderOptions, IConfiguration configuration, TimeProvider time,
    CampaignRecipients mirrorRecipients, SendKeyStore sendKeys, PortalSettings.PortalSettingsReader portalSettings)
{

    public async Task<CampaignOutcome> RunAsync(CampaignRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (setup, problem) = await setups.GetAsync(cancellationToken);
        if (setup is null)
        {
            return CampaignOutcome.Failed($"sending is not configured: {problem}", configuration: true);
        }

        var sender = TemplateSender.From(senderOptions.Value);
        var dealId = request.Contacts?.DealId;
        var sendKey = request.SendKey ?? (dealId is { } deal ? $"campaign:{request.Template.Name}:deal:{deal.ToString(CultureInfo.InvariantCulture)}" : $"campaign:{request.Template.Name}");
        RecipientImportResult? import = null;
        CampaignSelection? selection = null;
        SendKeyRow? key = null;
        ITemplateDataSource data;

        // The send key is recorded before the first row is queued; a key another kind of send owns is refused.
        async Task<string?> RecordKeyAsync(long? portalId, CancellationToken ct)
        {
            var wanted = new SendKeyRow { SendKey = sendKey, PortalId = portalId, Name = request.Template.Name, DealId = dealId, CreatedAt = UtcText.From(time.GetUtcNow()) };
            key = await sendKeys.RecordAsync(wanted, ct);
            return key.SameOwner(wanted) ? null : $"send key {sendKey} already belongs to {Owner(key)} (its first run); choose another --key";
        }

        var stream = new RecipientQueueing(ledger, sendKey, request.Ttl, time, RecordKeyAsync);
        if (request.Contacts is { } contacts)
        {
            string? missing;
            try
            {
                (selection, missing) = await mirrorRecipients.SelectAsync(contacts, sender, stream, cancellationToken);
            }
            catch (OperationCanceledException) when (stream.Refusal is { } refusal)
            {
                return CampaignOutcome.Failed(refusal, configuration: true);
            }

            if (selection is null)
            {
                return CampaignOutcome.Failed(missing!);
            }

            if (selection.RecipientCount == 0)
            {
                return new CampaignOutcome { Selection = selection, NothingQueued = NothingQueued(selection) };
            }

            data = selection.Data;
        }
        else
        {
            if (request.RecipientsFile is not { } file)
            {
                return CampaignOutcome.Failed("no recipients: give a recipients file or mirrored contacts", configuration: true);
            }

            // Each row keeps the file's name for it: the letters render from the rows (FileRowTemplateData).
            try
            {
                import = await new RecipientImport(new AddressValidator(resolver), request.RejectFlagged)
                    .ReadAsync(file, (r, ct) => stream.AddAsync(r.Address, r.ContactId, r.Name, ct), cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return CampaignOutcome.Failed($"{file}: {ex.Message}");
            }
            catch (OperationCanceledException) when (stream.Refusal is { } refusal)
            {
                return CampaignOutcome.Failed(refusal, configuration: true);
            }

            if (ImportSummary.NothingQueued(file, import) is { } nothing)
            {
                return new CampaignOutcome { Import = import, NothingQueued = nothing };
            }

            data = new FileRowTemplateData(sender);
        }

        if (await stream.FinishAsync(cancellationToken) is { } refused)
        {
            return CampaignOutcome.Failed(refused, configuration: true);
        }

        var enqueued = stream.Enqueued;
        var clock = stream.Clock;
        var unsubscribe = setup.CreateComposer(time);
        var (opens, clicks) = selection?.PortalId is { } portal
            ? await portalSettings.TrackingAsync(portal, cancellationToken)
            : PortalSettings.PortalSettingsReader.ConfiguredTracking(configuration);
        var context = new SendContext(0, MailKind.Campaign, request.Template.Name, request.Template.Name) { TrackOpens = opens, TrackClicks = clicks };
        var letters = new TemplateLetterSource(request.Template, context, data, unsubscribe.UnsubscribeUrl);
        var stages = SendRunnerOptions.StagesFrom(configuration);
        var runner = new SendRunner(ledger, () => setup.CreateComposer(time, stages), setup.Transport, letters, time, new SendRunnerOptions
        {
            Workers = Math.Max(1, request.Workers), Stages = stages, SendKey = sendKey, SenderDomain = setup.Settings.FromDomain, Cap = FrequencyCap.From(configuration),
            Quiet = SendSettingKeys.QuietFrom(configuration), QuietZone = SendSettingKeys.QuietZoneFrom(configuration), DefaultZone = SendSettingKeys.DefaultZoneFrom(configuration),
            WarmUp = WarmUpPlan.From(configuration), Rates = RateLimits.From(configuration, time),
        });
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var gc = stages is null ? null : GcDuringSend.Now();
        var summary = await runner.RunAsync(cancellationToken);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var handed = summary.Sent + summary.Failed + summary.Unknown;
        return new CampaignOutcome
        {
            SendKey = sendKey, Key = key, Import = import, Selection = selection, Enqueued = enqueued, Run = summary, Elapsed = clock.Elapsed,
            CpuMillisecondsPerMessage = handed > 0 ? Math.Round(cpu.TotalMilliseconds / handed, 4) : null, StagesPerMessage = stages?.PerMessage(),
            GcPerMessage = gc is null ? null : GcDuringSend.Since(gc).PerMessage(handed),
        };
    }

    private static string NothingQueued(CampaignSelection selection)
    {
        var reasons = selection.Skipped.Where(r => r.Value > 0).OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => $"{r.Key} {r.Value.ToString(CultureInfo.InvariantCulture)}");
        return selection.Contacts == 0
            ? "nothing to send: no contacts matched (the mirror holds none for this selection; run crm-esp sync first?)"
            : $"nothing to send: {selection.Contacts.ToString(CultureInfo.InvariantCulture)} contacts, {selection.SkippedTotal.ToString(CultureInfo.InvariantCulture)} skipped: {string.Join(", ", reasons)}";
    }

    private static string Owner(SendKeyRow key) =>
        key.Kind != "Campaign" ? $"a {key.Kind.ToLowerInvariant()} send"
        : key.PortalId is null ? "a recipients file"
        : key.DealId is { } deal ? $"portal #{key.PortalId.Value.ToString(CultureInfo.InvariantCulture)}, deal {deal.ToString(CultureInfo.InvariantCulture)}"
        : $"portal #{key.PortalId.Value.ToString(CultureInfo.InvariantCulture)} without a deal";
}
