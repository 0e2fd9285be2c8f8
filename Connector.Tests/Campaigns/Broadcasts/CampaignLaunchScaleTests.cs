using System.Globalization;
using Connector.Campaigns.Broadcasts;

namespace Connector.Tests.Campaigns.Broadcasts;

/// <summary>
/// A launch of a whole audience through the send queue's pages: one ledger row and one stored letter per recipient, and
/// a second launch pass adds none. Prints the time it took (no wall-clock assert). The size is
/// <c>CAMPAIGN_LAUNCH_RECIPIENTS</c> (default 5,000; <c>scripts/bench-campaigns.sh</c> runs 100,000).
/// </summary>
[CancelAfter(900_000)]
public sealed class CampaignLaunchScaleTests
{
    [Test]
    public async Task Launch_WholeAudience_OneRowEach_SecondPassAddsNone_Measured(CancellationToken cancellationToken)
    {
        var size = int.TryParse(Environment.GetEnvironmentVariable("CAMPAIGN_LAUNCH_RECIPIENTS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 5_000;
        await using var rig = await CampaignRig.StartAsync(cancellationToken);
        await rig.SeedContactsAsync(1, size);
        var id = await rig.CreateAsync(new CampaignSpec { Template = CampaignRig.Template, Segment = "contact.name = \"Reader\"", ExpireAfter = "2d" }, cancellationToken);

        var started = TimeProvider.System.GetTimestamp();
        await rig.Runner.RunDueAsync(cancellationToken);
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        await rig.ExecuteAsync("UPDATE campaign_recipients SET ledger_id = NULL WHERE position % 2 = 0; UPDATE campaigns SET phase = 'rest'");
        await rig.Runner.StepAsync(id, cancellationToken);

        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"campaign launch: {size} recipients resolved and queued in {elapsed.TotalSeconds:0.0} s ({size / elapsed.TotalSeconds:0} a second)"));
        Assert.Multiple(async () =>
        {
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM send_ledger WHERE stored_letter = 1"), Is.EqualTo(size));
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM queued_letters"), Is.EqualTo(size));
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM campaign_recipients WHERE ledger_id IS NOT NULL"), Is.EqualTo(size));
        });
    }
}
