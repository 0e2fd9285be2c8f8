using System.Globalization;
using System.Text.Json;
using Connector.Campaigns;
using Connector.Sandbox;
using Connector.Tests.Cli;
using Connector.Tests.Sending;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Connector.Tests.Campaigns;

/// <summary>
/// <c>send-campaign --contacts all</c> past <see cref="RecipientQueueing.StreamAfter"/> mirrored contacts: the
/// recipients are queued while the mirror is read and their data is read back a batch at a time, and still every
/// contact gets one letter rendered with its own data.
/// </summary>
[NonParallelizable]
[CancelAfter(300_000)]
public sealed class SendCampaignContactsScaleTests
{
    [Test]
    public async Task SendCampaign_MoreContactsThanStreamAfter_EachGetsOneLetterWithItsOwnNameAndDealsAsync(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("crm-esp-contacts-scale-").FullName;
        using var rig = new SendingRig();
        var contacts = RecipientQueueing.StreamAfter + RecipientQueueing.Chunk + 300;
        await using (var portal = await SandboxHost.StartAsync(new SandboxOptions { Contacts = contacts, Deals = 2000, DistinctEmails = true }, TimeProvider.System, cancellationToken))
        {
            var (synced, syncOutput, syncError) = await CliRun.RunAsync(folder, "sync", "--full", "--json", $"--Bitrix24:WebhookUrl={portal.WebhookUrl}");
            Assert.That(synced, Is.Zero, syncOutput + syncError);
            var template = Path.Combine(folder, "t.json");
            await File.WriteAllTextAsync(template, """{"name": "scale", "subject": "{{ contact.name }} {{ contact.id }}", "html": "<p>{{ contact.email }}: {{ contact.deals | size }} deals</p>"}""", cancellationToken);

            var (code, output, error) = await CliRun.RunAsync(folder, [
                "send-campaign", "--template", template, "--contacts", "all", "--workers", "2",
                $"--Smtp:PickupFolder={Path.Combine(folder, "pickup")}", "--Sender:FromAddress=news@example.com", "--Sender:PostalAddress=1 Tverskaya st., Moscow",
                "--Dkim:Domain=example.com", $"--Dkim:KeyFolder={rig.KeyFolder}", "--Tracking:BaseUrl=https://t.example.com", "--Bounces:Domain=bounces.example.com",
                "--Sending:Validation:CheckMx=false", "--Sending:FrequencyCap:PerDay=0", "--Sending:FrequencyCap:PerWeek=0"]);
            var summary = JsonDocument.Parse(output).RootElement;
            var recipients = summary.GetProperty("recipients").GetInt32();
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "m.db")}");
            var rows = (await connection.QueryAsync<(string Recipient, long ContactId, string State)>(
                "SELECT recipient, contact_id, state FROM send_ledger WHERE send_key = 'campaign:scale'")).ToList();
            // A contact whose address is its own (the seeder's distinct form), and what its letter must say.
            var sample = portal.Portal.Contacts.First(c => c.Id > 5000 && c.Emails.Count > 0 && c.Emails[0].Value.Contains($".{c.Id.ToString(CultureInfo.InvariantCulture)}@", StringComparison.Ordinal)
                && rows.Any(r => r.ContactId == c.Id));
            var deals = portal.Portal.Deals.Count(d => d.ContactIds.Contains(sample.Id));
            var letter = Directory.GetFiles(Path.Combine(folder, "pickup"), "*.eml").Select(File.ReadAllText)
                .Single(t => t.Contains($"To: {sample.Emails[0].Value}", StringComparison.OrdinalIgnoreCase));

            Assert.Multiple(() =>
            {
                Assert.That(code, Is.Zero, output + error);
                Assert.That(recipients, Is.GreaterThan(RecipientQueueing.StreamAfter), "the run streamed");
                Assert.That((summary.GetProperty("enqueued").GetInt32(), summary.GetProperty("sent").GetInt32()), Is.EqualTo((recipients, recipients)));
                Assert.That(rows, Has.Count.EqualTo(recipients));
                Assert.That(rows.Select(r => r.Recipient.ToLowerInvariant()), Is.Unique);
                Assert.That(rows.Select(r => r.ContactId), Is.Unique);
                Assert.That(rows.Select(r => r.State), Is.All.EqualTo("sent"));
                Assert.That(letter, Does.Contain($" {sample.Id.ToString(CultureInfo.InvariantCulture)}"), "the subject carries the contact's own id");
                Assert.That(letter, Does.Contain($"{deals.ToString(CultureInfo.InvariantCulture)} deals"), "its own deals, read back with its batch");
            });
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
