using System.Diagnostics;
using System.Globalization;
using Connector.Sandbox;
using Connector.Sandbox.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Sandbox;

[CancelAfter(120_000)]
public sealed class SandboxScaleTests
{
    [Test]
    public void ContactList_HundredThousandContacts_IdCursorPagesStayFast()
    {
        var options = new SandboxOptions { Contacts = 100_000, Deals = 20_000, RateLimitEnabled = false, OperatingLimitSeconds = 1e9 };
        var sut = new SandboxPortal(options, new FakeTimeProvider(SandboxTestHost.Start));
        var watch = Stopwatch.StartNew();
        var last = 90_000L;
        var read = 0;
        while (true)
        {
            var parameters = PhpQueryParser.Parse($"order[ID]=ASC&filter[>ID]={last}&start=-1&select[]=ID&select[]=EMAIL");
            var rows = sut.Handle("1", options.WebhookCode, "crm.contact.list", parameters).Body["result"]!.AsArray();
            read += rows.Count;
            if (rows.Count < 50)
            {
                break;
            }

            last = long.Parse(rows[^1]!["ID"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        }

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo(10_000));
            Assert.That(sut.Deals, Has.Count.EqualTo(20_000));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        });
    }
}
