using System.Net;
using Connector.Tracking.Hits;

namespace Connector.Tests.Tracking;

[CancelAfter(10_000)]
public sealed class AgentClassifierTests
{
    [TestCase("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", "203.0.113.7", AgentClass.Browser, null)]
    [TestCase("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", "203.0.113.7", AgentClass.Browser, null)]
    [TestCase("Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", "66.249.84.1", AgentClass.GmailProxy, "image_proxy")]
    [TestCase("YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html", "98.136.1.1", AgentClass.ImageProxy, "image_proxy")]
    [TestCase("Mozilla/5.0", "203.0.113.7", AgentClass.AppleMpp, "privacy_proxy")]
    [TestCase("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)", "17.58.1.2", AgentClass.AppleMpp, "privacy_proxy")]
    [TestCase("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)", "203.0.113.7", AgentClass.MailClient, null)]
    [TestCase("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", "40.107.22.5", AgentClass.Scanner, "link_scanner")]
    [TestCase("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:109.0) Gecko/20100101 Thunderbird/115.6.0", "203.0.113.7", AgentClass.MailClient, null)]
    [TestCase("Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17126; Pro)", "203.0.113.7", AgentClass.MailClient, null)]
    [TestCase("python-requests/2.31.0", "203.0.113.7", AgentClass.Scanner, "scanner_agent")]
    [TestCase("Mozilla/5.0 (compatible; Barracuda Sentinel (EE))", "203.0.113.7", AgentClass.Scanner, "scanner_agent")]
    [TestCase("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36", "203.0.113.7", AgentClass.Scanner, "scanner_agent")]
    [TestCase("", "203.0.113.7", AgentClass.Unknown, "no_user_agent")]
    [TestCase("SomethingElse/1.0", "203.0.113.7", AgentClass.Unknown, null)]
    [TestCase("Mozilla/5.0 (Windows NT 10.0) Chrome/120.0 Safari/537.36", "::ffff:17.1.2.3", AgentClass.AppleMpp, "privacy_proxy")]
    public void Classify_AgentAndAddress_ClassAndMachineReason(string agent, string address, AgentClass expected, string? reason)
    {
        var verdict = AgentClassifier.Classify(agent, IPAddress.Parse(address));

        Assert.That(verdict, Is.EqualTo(new AgentVerdict(expected, reason)));
    }
}
