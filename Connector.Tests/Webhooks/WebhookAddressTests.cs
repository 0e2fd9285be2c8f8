using System.Net;
using Connector.Webhooks;

namespace Connector.Tests.Webhooks;

/// <summary>Which addresses a subscriber URL may resolve to, and the backoff's bounds.</summary>
[CancelAfter(10_000)]
public sealed class WebhookAddressTests
{
    [TestCase("93.184.215.14", true)]
    [TestCase("8.8.8.8", true)]
    [TestCase("2606:4700::1111", true)]
    [TestCase("127.0.0.1", false)]
    [TestCase("127.1.2.3", false)]
    [TestCase("10.0.0.1", false)]
    [TestCase("172.16.0.1", false)]
    [TestCase("172.31.255.255", false)]
    [TestCase("172.32.0.1", true)]
    [TestCase("192.168.1.1", false)]
    [TestCase("169.254.169.254", false)]
    [TestCase("100.64.0.1", false)]
    [TestCase("0.0.0.0", false)]
    [TestCase("224.0.0.1", false)]
    [TestCase("::1", false)]
    [TestCase("::", false)]
    [TestCase("fe80::1", false)]
    [TestCase("fd12:3456::1", false)]
    [TestCase("::ffff:127.0.0.1", false)]
    [TestCase("::ffff:10.0.0.1", false)]
    public void IsPublic_Address_Expected(string address, bool expected) =>
        Assert.That(WebhookAddress.IsPublic(IPAddress.Parse(address)), Is.EqualTo(expected));

    [Test]
    public async Task ResolveProblemAsync_Localhost_RefusedUnlessAllowPrivate(CancellationToken cancellationToken)
    {
        var refused = await WebhookAddress.ResolveProblemAsync(new Uri("http://localhost:8080/h"), allowPrivate: false, cancellationToken);
        var allowed = await WebhookAddress.ResolveProblemAsync(new Uri("http://localhost:8080/h"), allowPrivate: true, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(refused, Does.StartWith("resolves to").And.Contain("Webhooks:AllowPrivate=true"));
            Assert.That(allowed, Is.Null);
        });
    }

    [TestCase(1, 0.0, 15)]
    [TestCase(1, 1.0, 30)]
    [TestCase(3, 1.0, 120)]
    [TestCase(20, 1.0, 3600)]
    [TestCase(20, 0.0, 1800)]
    public void Delay_Attempt_ExponentialCappedWithJitter(long attempt, double jitter, double seconds) =>
        Assert.That(WebhookBackoff.Delay(attempt, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), jitter), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
}
