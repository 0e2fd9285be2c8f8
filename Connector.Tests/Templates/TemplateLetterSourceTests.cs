using Connector.Sending.Composing;
using Connector.Sending.Ledger;
using Connector.Sending.Smtp;
using Connector.Templates;
using Connector.Tests.Sending;

namespace Connector.Tests.Templates;

[CancelAfter(120_000)]
public sealed class TemplateLetterSourceTests
{
    private static readonly TemplateSender Sender = new("Shop", "news@example.com", null, null, null);

    private static TemplateData Contact(long id, int deals) => TemplateData.From(
        new TemplateContact(id, "Анна", null, null, "anna@example.org", null, new Dictionary<string, string?>()),
        Enumerable.Range(1, deals).Select(d => new TemplateDeal(d, $"D{d}", "NEW", null, null, 1m, "RUB", false, false)).ToList(),
        Sender,
        "");

    private static LedgerRow Row(long id, long contact) => new() { Id = id, ContactId = contact, SendKey = "k", Recipient = "anna@example.org", State = "queued", DueAt = "2026-12-01T00:00:00Z" };

    [Test]
    [CancelAfter(10_000)]
    public async Task PrepareAsync_OneContactOverTheStepLimit_NoLetterWithItsErrorAndTheNextRendersAsync(CancellationToken cancellationToken)
    {
        // Twenty deals make 20 × 20 inner steps: over a limit of 300, while a contact with two deals stays well under.
        var file = new TemplateFile { Name = "deals", Subject = "x", Html = "{% for d in deals %}{% for d2 in deals %}{{ d2.title }}{% endfor %}{% endfor %}" };
        var compiled = new TemplateCompiler(new TemplateOptions { MaxSteps = 300 }).Compile(file).Template!;
        ILetterSource source = new TemplateLetterSource(compiled, new SendContext(0, MailKind.Campaign, "deals", "deals"), new Dictionary<long, TemplateData> { [1] = Contact(1, 20), [2] = Contact(2, 2) }, _ => "u");

        var failed = await source.PrepareAsync(Row(10, 1), cancellationToken);
        var problem = source.ProblemWith(Row(10, 1));
        var fine = await source.PrepareAsync(Row(11, 2), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(failed, Is.Null);
            Assert.That(problem, Is.EqualTo("deals (html): stopped after 300 steps (Templates:MaxSteps): a loop runs too long"));
            Assert.That(fine!.Value.Letter.Html, Is.EqualTo("D1D2D1D2"));
            Assert.That(source.ProblemWith(Row(11, 2)), Is.Null);
        });
    }

    [Test]
    [Category("Peers")]
    [CancelAfter(60_000)]
    public async Task RunAsync_OneLetterOverTheStepLimit_ItsRowFailsWithTheErrorAndTheOthersAreSentAsync(CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        using var rig = new SendingRig();
        using var ledger = new LedgerRig(time);
        await using var sink = await SmtpSink.StartAsync();
        await ledger.Ledger.EnqueueAsync("campaign:deals", LedgerRig.Recipients(3), time.GetUtcNow(), TimeSpan.FromDays(1), cancellationToken);
        var file = new TemplateFile { Name = "deals", Subject = "x", Html = "<p>{% for d in deals %}{% for d2 in deals %}{{ d2.title }}{% endfor %}{% endfor %}</p>" };
        var compiled = new TemplateCompiler(new TemplateOptions { MaxSteps = 300 }).Compile(file).Template!;
        var letters = new TemplateLetterSource(compiled, SendingRig.Campaign, new Dictionary<long, TemplateData> { [1] = Contact(1, 2), [2] = Contact(2, 20), [3] = Contact(3, 1) }, _ => "https://t.example.com/u");
        await using var transport = new SmtpDeliveryTransport(new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, Security = SmtpSecurity.None }, TimeProvider.System);

        await new SendRunner(ledger.Ledger, () => new MessageComposer(rig.Settings, rig.Tokens, null, time), transport, letters, time).RunAsync(cancellationToken);
        var rows = await ledger.Ledger.RowsAsync("campaign:deals", cancellationToken);

        Assert.That(rows.OrderBy(r => r.ContactId).Select(r => (r.ContactId, r.State, r.Detail)), Is.EqualTo(new[]
        {
            (1L, LedgerState.Sent, rows.Single(r => r.ContactId == 1).Detail),
            (2L, LedgerState.Failed, "deals (html): stopped after 300 steps (Templates:MaxSteps): a loop runs too long"),
            (3L, LedgerState.Sent, rows.Single(r => r.ContactId == 3).Detail),
        }));
    }

    [Test]
    [Category("Peers")]
    [CancelAfter(60_000)]
    public async Task RunAsync_DataLoadedABatchAtATime_EachReservedBatchIsLoadedBeforeItsRowsRenderAsync(CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        using var rig = new SendingRig();
        using var ledger = new LedgerRig(time);
        await using var sink = await SmtpSink.StartAsync();
        await ledger.Ledger.EnqueueAsync("campaign:batches", LedgerRig.Recipients(5), time.GetUtcNow(), TimeSpan.FromDays(1), cancellationToken);
        var compiled = new TemplateCompiler(new TemplateOptions()).Compile(new TemplateFile { Name = "b", Subject = "x", Html = "<p>{{ contact.id }}</p>" }).Template!;
        var data = new OneBatchAtATime(id => Contact(id, 0));
        var letters = new TemplateLetterSource(compiled, SendingRig.Campaign, data, _ => "https://t.example.com/u");
        await using var transport = new SmtpDeliveryTransport(new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, Security = SmtpSecurity.None }, TimeProvider.System);

        await new SendRunner(ledger.Ledger, () => new MessageComposer(rig.Settings, rig.Tokens, null, time), transport, letters, time, new SendRunnerOptions { BatchSize = 2 })
            .RunAsync(cancellationToken);
        var rows = await ledger.Ledger.RowsAsync("campaign:batches", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r.State), Is.All.EqualTo(LedgerState.Sent), "every row found its data: its batch was loaded first");
            Assert.That(data.Loads.Select(l => l.Count), Is.EqualTo(new[] { 2, 2, 1 }), "one load per reserved batch of two");
            Assert.That(data.Loads.SelectMany(l => l).Order(), Is.EqualTo(new long[] { 1, 2, 3, 4, 5 }));
        });
    }

    // Holds only the batch loaded last, as the mirror's and a file's sources do.
    private sealed class OneBatchAtATime(Func<long, TemplateData> shape) : ITemplateDataSource
    {
        private volatile IReadOnlyDictionary<long, TemplateData> _batch = new Dictionary<long, TemplateData>();

        public List<IReadOnlyList<long>> Loads { get; } = [];

        public Task LoadAsync(IReadOnlyList<long> contactIds, CancellationToken cancellationToken)
        {
            Loads.Add(contactIds);
            _batch = contactIds.ToDictionary(id => id, shape);
            return Task.CompletedTask;
        }

        public TemplateData? DataOf(long contactId) => _batch.GetValueOrDefault(contactId);
    }
}
