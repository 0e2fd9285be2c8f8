using Connector.Host;
using Connector.Sending.Hygiene;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Domains;

/// <summary>
/// The import's MX checks ask the name servers of <c>Dns:Servers</c>, as the domain check does: a real dnsmasq on a
/// loopback port holds a test zone the system resolver has never heard of.
/// </summary>
[NonParallelizable]
[CancelAfter(60_000)]
public sealed class ImportMxDnsServersTests
{
    [Test]
    public async Task MxResolver_DnsServersConfigured_AsksThemForTheImportsMxChecks()
    {
        var cancellationToken = TestContext.CurrentContext.CancellationToken;
        await using var dns = await Dnsmasq.StartAsync(["local=/test/", "mx-host=shop.test,mx.shop.test,10", "host-record=mx.shop.test,192.0.2.11"]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dns:Servers"] = dns.Server, ["Store:Path"] = Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"), "s.db"),
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
            .AddConnector(configuration, new PortalChoice(null, SandboxForced: false), TimeProvider.System, ConnectorHostKind.Cli).BuildServiceProvider();
        var resolver = services.GetRequiredService<IMxResolver>();

        var known = await resolver.ResolveAsync("shop.test", cancellationToken);
        var unknown = await resolver.ResolveAsync("nowhere.test", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(resolver, Is.InstanceOf<DnsClientMxResolver>());
            Assert.That(known, Is.EqualTo(MxAnswer.HasMail), "shop.test exists only in the dnsmasq zone");
            Assert.That(unknown, Is.EqualTo(MxAnswer.NoDomain));
        });
    }
}
