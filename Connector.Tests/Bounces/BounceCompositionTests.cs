using Connector.Tests.TestSupport;
using Connector.Bounces;
using Connector.Host;
using Connector.Tests.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;

namespace Connector.Tests.Bounces;

/// <summary>The slice in the one composition: the fetch job on the serving scheduler, the verb's exits, options checked at start.</summary>
[CancelAfter(120_000)]
public sealed class BounceCompositionTests
{
    [Test]
    public async Task AddConnector_ServeWithImapMailbox_FetchJobEveryInterval()
    {
        await using var services = Compose(new()
        {
            ["Bounces:Imap:Host"] = "127.0.0.1", ["Bounces:Imap:User"] = "u", ["Bounces:Imap:Password"] = "p", ["Bounces:FetchInterval"] = "00:02:00",
        });
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var triggers = (await scheduler.GetTriggersOfJob(BounceFetchJob.Key)).OfType<ISimpleTrigger>().Select(t => t.RepeatInterval).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(triggers, Is.EqualTo(new[] { TimeSpan.FromMinutes(2) }));
            Assert.That(typeof(BounceFetchJob).IsDefined(typeof(DisallowConcurrentExecutionAttribute), false), Is.True);
            Assert.That(services.GetService<BounceHook>(), Is.Not.Null);
        });
    }

    [Test]
    public async Task AddConnector_ServeWithoutMailbox_NoFetchJob()
    {
        await using var services = Compose([]);
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.That(await scheduler.GetJobDetail(BounceFetchJob.Key), Is.Null);
    }

    [Test]
    public async Task BouncesFetch_NoMailboxConfigured_Exit2OneLine()
    {
        var folder = Directory.CreateTempSubdirectory("bounces-cli-").FullName;
        var (code, _, error) = await CliRun.RunAsync(folder, "bounces", "fetch");
        Assert.That((code, error.Trim()), Is.EqualTo((2, "crm-esp: bounces fetch: no mailbox configured (set Bounces:Imap:Host or Bounces:Pop3:Host)")));
    }

    [Test]
    public async Task BouncesFetch_HostWithoutPassword_InvalidConfigurationNamingTheKey()
    {
        var folder = Directory.CreateTempSubdirectory("bounces-cli-").FullName;
        var (code, _, error) = await CliRun.RunAsync(folder, "bounces", "fetch", "--Bounces:Pop3:Host=127.0.0.1", "--Bounces:Pop3:User=u");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain("Bounces:Pop3:User and Bounces:Pop3:Password are required"));
        });
    }

    [Test]
    public async Task BouncesFetch_ShortHookSecretAndMisspelledKey_SecretNotEchoedTypoWarned()
    {
        var folder = Directory.CreateTempSubdirectory("bounces-cli-").FullName;
        var (code, _, error) = await CliRun.RunAsync(folder, "bounces", "fetch", "--Bounces:HookSecret=short-Pa55", "--Bounces:Imap:Hots=x");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain("Bounces:HookSecret must be at least 16 bytes"));
            Assert.That(error, Does.Not.Contain("short-Pa55"));
        });
    }

    [Test]
    public void Unknown_MisspelledMailboxKey_WarnedWithTheNearestKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Bounces:Imap:Hots"] = "x", ["Bounces:SoftBounceLimit"] = "3" }).Build();
        Assert.That(Connector.Cli.ConfigKeys.Unknown(configuration), Is.EqualTo(new[] { "Bounces:Imap:Hots is not a known setting and is ignored; did you mean Bounces:Imap:Host?" }));
    }

    private static ServiceProvider Compose(Dictionary<string, string?> settings) => ServeComposition.Compose(settings);
}
