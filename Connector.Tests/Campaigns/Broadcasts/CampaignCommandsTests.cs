using System.Text.Json;
using Connector.Tests.Cli;

namespace Connector.Tests.Campaigns.Broadcasts;

/// <summary>
/// <c>crm-esp campaign …</c> over a store: a bad campaign exits 2 listing every problem with its option and stores
/// nothing; a good one is listed, shown with its counts, paused and cancelled.
/// </summary>
[CancelAfter(120_000)]
public sealed class CampaignCommandsTests
{
    [Test]
    public async Task Create_Bad_Exit2_EveryProblemWithItsOption_NothingStored(CancellationToken cancellationToken)
    {
        await using var rig = await CampaignRig.StartAsync(cancellationToken);

        var (code, output, error) = await CliRun.CaptureAsync("campaign", "create", "--template", "missing", "--segment", "contact.name =", "--window", "9-18",
            "--at", "2020-01-01T09:00:00Z", "--variant", "a:subject=Hi", "--variant", "b:colour=red", "--test-share", "0", $"--Store:Path={rig.StorePath}");

        Assert.Multiple(async () =>
        {
            Assert.That((code, output), Is.EqualTo((2, "")));
            foreach (var option in new[] { "--template", "--segment", "--window", "--at", "--variant", "--test-share" })
            {
                Assert.That(error, Does.Contain($"crm-esp: campaign create: {option}: "), option);
            }

            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM campaigns") + await rig.CountAsync("SELECT COUNT(*) FROM campaign_variants"), Is.Zero);
        });
    }

    [Test]
    public async Task Create_List_Show_Pause_Cancel(CancellationToken cancellationToken)
    {
        await using var rig = await CampaignRig.StartAsync(cancellationToken);
        await rig.SeedContactsAsync(1, 5);
        var store = $"--Store:Path={rig.StorePath}";

        var created = await CliRun.CaptureAsync("campaign", "create", "--template", CampaignRig.Template, "--segment", "contact.name = \"Reader\"", "--name", "December news",
            "--variant", "a:subject=Hi", "--variant", "b:subject=Hello", "--json", store);
        var id = JsonDocument.Parse(created.Output).RootElement.GetProperty("id").GetInt64();
        var list = await CliRun.CaptureAsync("campaign", "list", "--json", store);
        var paused = await CliRun.CaptureAsync("campaign", "pause", id.ToString(System.Globalization.CultureInfo.InvariantCulture), store);
        var show = await CliRun.CaptureAsync("campaign", "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json", store);
        var cancelled = await CliRun.CaptureAsync("campaign", "cancel", id.ToString(System.Globalization.CultureInfo.InvariantCulture), store);
        var again = await CliRun.CaptureAsync("campaign", "cancel", id.ToString(System.Globalization.CultureInfo.InvariantCulture), store);

        var shown = JsonDocument.Parse(show.Output).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(created.Code, Is.Zero, created.Error);
            Assert.That(list.Output, Does.Contain("\"name\":\"December news\"").And.Contain("\"state\":\"scheduled\"").And.Contain("\"mode\":\"ab\""));
            Assert.That(paused, Is.EqualTo((0, $"campaign {id}: pause, 0 letters held\n", "")));
            Assert.That(shown.GetProperty("summary").GetProperty("state").GetString(), Is.EqualTo("paused"));
            Assert.That(shown.GetProperty("variants").GetArrayLength(), Is.EqualTo(2));
            Assert.That(cancelled.Code, Is.Zero, cancelled.Error);
            Assert.That((again.Code, again.Error), Is.EqualTo((1, $"crm-esp: campaign cancel: campaign {id} is cancelled\n")));
        });
    }
}
