using Connector.Tests.TestSupport;
using System.Net;
using Connector.Sending.Hygiene;
using DnsClient;

namespace Connector.Tests.Sending;

[CancelAfter(120_000)]
public sealed class AddressValidatorTests
{
    internal sealed class FakeResolver(Dictionary<string, MxAnswer> answers) : IMxResolver
    {
        public List<string> Asked { get; } = [];

        public Task<MxAnswer> ResolveAsync(string domain, CancellationToken cancellationToken)
        {
            Asked.Add(domain);
            return Task.FromResult(answers.GetValueOrDefault(domain, MxAnswer.NoDomain));
        }
    }

    internal static readonly Dictionary<string, MxAnswer> Dns = new()
    {
        ["example.org"] = MxAnswer.HasMail, ["nullmx.example"] = MxAnswer.NullMx, ["flaky.example"] = MxAnswer.Unknown, ["mailinator.com"] = MxAnswer.HasMail,
    };

    [TestCase("anna@example.org", true, null)]
    [TestCase("Anna@EXAMPLE.org", true, null)]
    [TestCase("anna@flaky.example", true, "dns_unknown")]
    [TestCase("anna@nullmx.example", false, "null_mx")]
    [TestCase("anna@gone.example", false, "no_domain")]
    [TestCase("info@example.org", true, "role")]
    [TestCase("info@gone.example", false, "no_domain")]
    [TestCase("someone@mailinator.com", true, "disposable")]
    [TestCase("Anna <anna@example.org>", false, "syntax")]
    [TestCase("anna@localhost", false, "syntax")]
    [TestCase("anna@example.org\r\nBcc: x@example.net", false, "syntax")]
    [TestCase("not an address", false, "syntax")]
    public async Task ValidateAsync_Address_Verdict(string address, bool usable, string? reason)
    {
        var verdict = await new AddressValidator(new FakeResolver(Dns)).ValidateAsync(address, TestContext.CurrentContext.CancellationToken);
        Assert.That((verdict.Usable, verdict.Reason), Is.EqualTo((usable, reason)));
    }

    [Test]
    public async Task ValidateAsync_ManyAddressesOneDomain_OneDnsQuery()
    {
        var resolver = new FakeResolver(Dns);
        var sut = new AddressValidator(resolver);
        foreach (var address in new[] { "a@example.org", "b@Example.ORG", "postmaster@example.org", "not an address" })
        {
            await sut.ValidateAsync(address, TestContext.CurrentContext.CancellationToken);
        }

        Assert.That(resolver.Asked, Is.EqualTo(new[] { "example.org" }));
    }

    [Test]
    public async Task ValidateAsync_MixedCaseDomain_NormalisedAndFlagged()
    {
        var verdict = await new AddressValidator(new FakeResolver(Dns)).ValidateAsync(" Sales@Example.ORG ", TestContext.CurrentContext.CancellationToken);
        Assert.That((verdict.Address, verdict.Usable, verdict.Flagged), Is.EqualTo(("Sales@example.org", true, true)));
    }

    [Test]
    public async Task DnsClientMxResolver_NoServerAnswers_Unknown()
    {
        var client = new LookupClient(new LookupClientOptions(new NameServer(IPAddress.Loopback, TestPorts.Free()))
        {
            Timeout = TimeSpan.FromMilliseconds(300), Retries = 0, UseCache = false, ThrowDnsErrors = false,
        });
        Assert.That(await new DnsClientMxResolver(client).ResolveAsync("example.org", TestContext.CurrentContext.CancellationToken), Is.EqualTo(MxAnswer.Unknown));
    }
}
