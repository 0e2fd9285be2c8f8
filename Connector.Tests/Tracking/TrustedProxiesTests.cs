using Connector.Host;

namespace Connector.Tests.Tracking;

/// <summary>
/// Behind a reverse proxy, tracking classifies the reader's address from <c>X-Forwarded-For</c> — only when the request
/// comes from a proxy listed in <c>Serve:TrustedProxies</c>. A real Kestrel host (the rig), a real pixel of a sent message;
/// 17.58.1.2 is in Apple's 17.0.0.0/8, where Mail Privacy Protection fetches from.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[NonParallelizable]
[CancelAfter(60_000)]
public sealed class TrustedProxiesTests
{
    private const string Safari = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";

    [TestCase("127.0.0.1", "apple_mpp", TestName = "Pixel_ThroughTrustedProxy_ClassifiesTheForwardedAddress")]
    [TestCase("127.0.0.0/8", "apple_mpp", TestName = "Pixel_ThroughTrustedProxyNetwork_ClassifiesTheForwardedAddress")]
    [TestCase("", "mail_client", TestName = "Pixel_NoTrustedProxies_ForwardedForIgnored")]
    [TestCase("10.9.9.9", "mail_client", TestName = "Pixel_FromAnUntrustedPeer_ForwardedForIgnored")]
    [CancelAfter(90_000)]
    public async Task Pixel_ForwardedFor_BelievedOnlyFromTrustedProxies(string trusted, string agentClass, CancellationToken cancellationToken)
    {
        await using var rig = await TrackingRig.StartAsync(new Dictionary<string, string?> { ["Serve:TrustedProxies"] = trusted }, cancellationToken);
        var message = (await rig.SendAsync("campaign:proxied", "anna@example.org"))[0];
        using var http = rig.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, TrackingRig.Pixel(message));
        request.Headers.TryAddWithoutValidation("User-Agent", Safari);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "17.58.1.2");

        using var pixel = await http.SendAsync(request, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(pixel.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
            Assert.That(await rig.QueryAsync<string>("SELECT agent_class FROM engagement_hits"), Is.EqualTo(new[] { agentClass }));
        });
    }

    [TestCase("10.0.0.5", true)]
    [TestCase("10.0.0.0/24", true)]
    [TestCase("::1", true)]
    [TestCase("fd00::/8", true)]
    [TestCase("nginx.local", false)]
    [TestCase("10.0.0.0/33", false)]
    public void ParseProxy_AddressOrNetwork(string text, bool valid) => Assert.That(ServeOptions.ParseProxy(text) is not null, Is.EqualTo(valid));
}
