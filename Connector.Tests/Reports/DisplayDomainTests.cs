using Connector.Reports;

namespace Connector.Tests.Reports;

[CancelAfter(60_000)]
public sealed class DisplayDomainTests
{
    [TestCase("xn--80a1acny.xn--p1ai", "почта.рф")]
    [TestCase("ivan@xn--80a1acny.xn--p1ai", "ivan@почта.рф")]
    [TestCase("hans@xn--mller-kva.de", "hans@müller.de")]
    [TestCase("plain@example.org", "plain@example.org")]
    [TestCase("all", "all")]
    [TestCase("bad@xn--zz", "bad@xn--zz")]
    public void Of_PunycodeDomain_IsShownInUnicode(string stored, string shown) => Assert.That(DisplayDomain.Of(stored), Is.EqualTo(shown));
}
