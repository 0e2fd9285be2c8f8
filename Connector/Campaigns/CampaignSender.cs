using System.Diagnostics;
using Connector.Sending;
using Connector.Sending.Composing;
using Connector.Sending.Hygiene;
using Connector.Sending.Ledger;
using Connector.Sending.Settings;
using Connector.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Connector.Campaigns;

/// <summary>
/// The campaign use case, for the CLI and the web host alike: validate the recipients file (bad lines skipped and
/// named, the rest queued) → enqueue one ledger row per (send key, recipient) → render each row's letter → send this
/// key's due rows as one runner beside any others on the same store. Never sends a row twice (see <see cref="SendRunner"/>).
/// </summary>
public sealed class CampaignSender(
    SendingSetupSource setups, SendLedgerStore ledger, IMxResolver resolver, IOptions<SenderOptions> senderOptions, IConfiguration configuration, TimeProvider time)
{
    public async Task<CampaignOutcome> RunAsync(CampaignRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (setup, problem) = await setups.GetAsync(cancellationToken);
        if (setup is null)
        {
            return CampaignOutcome.Failed($"sending is not configured: {problem}", configuration: true);
        }

        RecipientImportResult import;
        try
        {
            import = await new RecipientImport(new AddressValidator(resolver), request.RejectFlagged).ReadAsync(request.RecipientsFile, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return CampaignOutcome.Failed($"{request.RecipientsFile}: {ex.Message}");
        }

        if (ImportSummary.NothingQueued(request.RecipientsFile, import) is { } nothing)
        {
            return new CampaignOutcome { Import = import, NothingQueued = nothing };
        }

        var clock = Stopwatch.StartNew();
        var sender = TemplateSender.From(senderOptions.Value);
        var data = import.Recipients.ToDictionary(r => r.ContactId, r => TemplateData.From(
            new TemplateContact(r.ContactId, r.Name, null, null, r.Address, null, new Dictionary<string, string?>()), [], sender, ""));
        var sendKey = request.SendKey ?? $"campaign:{request.Template.Name}";
        var enqueued = await ledger.EnqueueAsync(sendKey, import.Recipients.Select(r => (r.Address, r.ContactId)), time.GetUtcNow(), request.Ttl, cancellationToken);
        var unsubscribe = setup.CreateComposer(time);
        var letters = new TemplateLetterSource(request.Template, new SendContext(0, MailKind.Campaign, request.Template.Name, request.Template.Name), data, unsubscribe.UnsubscribeUrl);
        var stages = SendRunnerOptions.StagesFrom(configuration);
        var runner = new SendRunner(ledger, () => setup.CreateComposer(time, stages), setup.Transport, letters, time, new SendRunnerOptions
        {
            Workers = Math.Max(1, request.Workers), Stages = stages, SendKey = sendKey, SenderDomain = setup.Settings.FromDomain, Cap = FrequencyCap.From(configuration),
            WarmUp = WarmUpPlan.From(configuration), Rates = RateLimits.From(configuration, time),
        });
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var summary = await runner.RunAsync(cancellationToken);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var handed = summary.Sent + summary.Failed + summary.Unknown;
        return new CampaignOutcome
        {
            SendKey = sendKey, Import = import, Enqueued = enqueued, Run = summary, Elapsed = clock.Elapsed,
            CpuMillisecondsPerMessage = handed > 0 ? Math.Round(cpu.TotalMilliseconds / handed, 4) : null, StagesPerMessage = stages?.PerMessage(),
        };
    }
}
