using Connector.Host;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connector.Tests.Host;

/// <summary>
/// <c>Quartz:*</c> at start: the job store follows the store's engine (unset), may say it explicitly, or be memory; a
/// persistent store on the other engine and a check-in interval out of bounds are one line naming the key.
/// </summary>
[CancelAfter(10_000)]
public sealed class SchedulerOptionsValidatorTests
{
    [TestCase(null, "Sqlite")]
    [TestCase(null, "Postgres")]
    [TestCase("Sqlite", "Sqlite")]
    [TestCase("sqlite", "Sqlite")]
    [TestCase("Postgres", "Postgres")]
    [TestCase("Memory", "Sqlite")]
    [TestCase("Memory", "Postgres")]
    public void Start_StoreMatchesTheStoreEngine_Accepted(string? quartzStore, string provider) =>
        Assert.That(Start(quartzStore, provider), Is.Null);

    [TestCase("Sqlite", "Postgres", "Quartz:Store: Sqlite, but Store:Provider is Postgres: the scheduler's tables live in the store's database (set Quartz:Store=Postgres, Memory, or leave it unset)")]
    [TestCase("Postgres", "Sqlite", "Quartz:Store: Postgres, but Store:Provider is Sqlite: the scheduler's tables live in the store's database (set Quartz:Store=Sqlite, Memory, or leave it unset)")]
    [TestCase("Redis", "Sqlite", "Quartz:Store: 'Redis' is not a job store (Sqlite, Postgres or Memory; unset = the store's database)")]
    public void Start_StoreOnTheOtherEngineOrUnknown_OneLineNamingTheKey(string quartzStore, string provider, string expected) =>
        Assert.That(Start(quartzStore, provider), Is.EqualTo(expected));

    [TestCase("0.2")]
    [TestCase("301")]
    [TestCase("-1")]
    public void Start_CheckinIntervalOutOfBounds_OneLineNamingTheKey(string seconds) =>
        Assert.That(Start(null, "Postgres", seconds), Does.StartWith("Quartz:ClusterCheckinIntervalSeconds: ").And.EndWith("is out of range (0.5 to 300)"));

    [Test]
    public void Defaults_StoreFollowsTheStore_CheckinEvery7Point5Seconds()
    {
        var options = new SchedulerOptions();
        Assert.Multiple(() =>
        {
            Assert.That(options.Store, Is.Null);
            Assert.That(options.Persistent, Is.True);
            Assert.That(options.ClusterCheckinInterval, Is.EqualTo(TimeSpan.FromMilliseconds(7500)));
            Assert.That(new SchedulerOptions { Store = "memory" }.Persistent, Is.False);
        });
    }

    /// <summary>Bound and validated the way a host does (<c>AddSchedulerOptions</c>); null when accepted, else the failure.</summary>
    private static string? Start(string? quartzStore, string provider, string? checkinSeconds = null)
    {
        var settings = new Dictionary<string, string?> { ["Store:Provider"] = provider, ["Store:ConnectionString"] = "Host=db;Database=crm_esp" };
        if (quartzStore is not null)
        {
            settings["Quartz:Store"] = quartzStore;
        }

        if (checkinSeconds is not null)
        {
            settings["Quartz:ClusterCheckinIntervalSeconds"] = checkinSeconds;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddSchedulerOptions(configuration).BuildServiceProvider();
        try
        {
            _ = services.GetRequiredService<IOptions<SchedulerOptions>>().Value;
            return null;
        }
        catch (OptionsValidationException ex)
        {
            return string.Join(" | ", ex.Failures);
        }
    }
}
