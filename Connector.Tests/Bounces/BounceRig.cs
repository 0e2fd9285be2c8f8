using Connector.Bounces;
using Connector.Sending.Ledger;
using Connector.Sending.Settings;
using Connector.Sending.Tokens;
using Connector.Tests.Sending;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Connector.Tests.Bounces;

/// <summary>
/// The Bounces slice over a migrated store file (<see cref="LedgerRig"/>) and the token key of a <see cref="SendingRig"/>:
/// ledger rows to bounce, the fetcher for given mailbox options, the hook, and fixtures with their placeholders filled.
/// </summary>
internal sealed class BounceRig : IDisposable
{
    public BounceRig(TimeProvider time, BounceIntakeOptions? options = null)
    {
        Time = time;
        Sending = new SendingRig(time);
        Store = new LedgerRig(time);
        Options = Microsoft.Extensions.Options.Options.Create(options ?? new BounceIntakeOptions());
        Events = new BounceEventStore(Store.Connections, time);
        var ledger = new BounceLedger(Store.Connections);
        Tokens = new BounceTokens(Microsoft.Extensions.Options.Options.Create(new TrackingOptions()), Microsoft.Extensions.Options.Options.Create(new DkimOptions { KeyFolder = Sending.KeyFolder }));
        Matcher = new BounceMatcher(ledger, Tokens);
        Reader = new BounceMessageReader(new DsnReader(Matcher), new FeedbackReportReader(Matcher));
        Recorder = new BounceRecorder(Events, ledger, Store.Ledger, Options);
    }

    public TimeProvider Time { get; }

    public SendingRig Sending { get; }

    public LedgerRig Store { get; }

    public IOptions<BounceIntakeOptions> Options { get; }

    public BounceEventStore Events { get; }

    public BounceTokens Tokens { get; }

    public BounceMatcher Matcher { get; }

    public BounceMessageReader Reader { get; }

    public BounceRecorder Recorder { get; }

    public SendLedgerStore Ledger => Store.Ledger;

    public static string FixturePath(string name) => Path.Combine(Peers.RepoRoot, "Connector.Tests", "Bounces", "Fixtures", name);

    public BounceFetcher Fetcher(BounceIntakeOptions options) =>
        new(new BounceMailboxes(Microsoft.Extensions.Options.Options.Create(options)), Reader, Recorder, Events, Tokens, NullLogger<BounceFetcher>.Instance);

    public BounceHook Hook(string secret) =>
        new(Microsoft.Extensions.Options.Options.Create(new BounceIntakeOptions { HookSecret = secret }), Matcher, Recorder, Time, NullLogger<BounceHook>.Instance);

    /// <summary>Queues one row per recipient under <paramref name="sendKey"/> and answers their ids, in order.</summary>
    public async Task<long[]> RowsAsync(string sendKey, params string[] recipients)
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        await Ledger.EnqueueAsync(sendKey, recipients.Select((r, i) => (r, (long)(100 + i))), Time.GetUtcNow(), null, ct);
        var rows = await Ledger.RowsAsync(sendKey, ct);
        return recipients.Select(r => rows.Single(x => x.Recipient == r).Id).ToArray();
    }

    public string Verp(long rowId, string domain = "bounces.example.com") =>
        $"bounce+{Sending.Tokens.Create(TokenKind.Bounce, new MessageRef(rowId, 100), forAddress: true)}@{domain}";

    public static string Fixture(string name, string verp, string recipient, string id) =>
        File.ReadAllText(FixturePath(name)).Replace("{{VERP}}", verp, StringComparison.Ordinal).Replace("{{RCPT}}", recipient, StringComparison.Ordinal)
            .Replace("{{ID}}", id, StringComparison.Ordinal).ReplaceLineEndings("\r\n");

    public static MimeMessage Parse(string text) => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)));

    public async Task<IReadOnlyList<(long? LedgerId, string Recipient, string Kind, string? Status, string Source)>> BounceEventsAsync()
    {
        await using var connection = await Store.Connections.OpenAsync(TestContext.CurrentContext.CancellationToken);
        return (await Dapper.SqlMapper.QueryAsync<(long?, string, string, string?, string)>(connection,
            "SELECT ledger_id, recipient, kind, status, source FROM bounce_events ORDER BY id")).ToList();
    }

    public void Dispose()
    {
        Store.Dispose();
        Sending.Dispose();
    }
}
