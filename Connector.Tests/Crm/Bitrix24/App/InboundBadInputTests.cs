using System.Net;
using System.Text;

namespace Connector.Tests.Crm.Bitrix24.App;

/// <summary>
/// Unauthenticated bodies the connector must refuse with 400/413 and no exception in the log: malformed and truncated
/// multipart, charset=utf-7, oversized forms (declared, chunked), truncated bodies, too many fields.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class InboundBadInputTests
{
    private const string Boundary = "b0undary";

    [TestCase("/b24/events")]
    [TestCase("/b24/robot/send-email")]
    [TestCase("/b24/placement/CRM_DEAL_DETAIL_TAB")]
    [TestCase("/b24/install")]
    [CancelAfter(60_000)]
    public async Task Post_BadBodies_400Or413AndNoExceptionLogged(string path, CancellationToken cancellationToken)
    {
        await using var rig = await InboundRig.StartAsync(new Dictionary<string, string?> { ["App:InstallRateLimit:PermitLimit"] = "1000" }, cancellationToken);
        const string form = "application/x-www-form-urlencoded";
        const string multipart = "multipart/form-data; boundary=" + Boundary;
        var big = Encoding.ASCII.GetBytes("event=" + new string('x', 100 * 1024));
        var truncatedMultipart = Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"event\"\r\n\r\nONCRMDEALADD");
        var cases = new Dictionary<string, (string Head, byte[][] Body, bool HalfClose, int Expected)>
        {
            ["malformed multipart"] = (rig.Head(path, multipart, 24, chunked: false), [Encoding.ASCII.GetBytes("no boundary anywhere....")], false, 400),
            ["truncated multipart"] = (rig.Head(path, multipart, truncatedMultipart.Length, chunked: false), [truncatedMultipart], false, 400),
            ["charset=utf-7"] = (rig.Head(path, form + "; charset=utf-7", 11, chunked: false), [Encoding.ASCII.GetBytes("event=+ADw-")], false, 400),
            ["oversized, Content-Length"] = (rig.Head(path, form, big.Length, chunked: false), [big], false, 413),
            ["oversized, chunked"] = (rig.Head(path, form, null, chunked: true), [.. Chunked(big)], false, 413),
            ["oversized multipart, chunked"] = (rig.Head(path, multipart, null, chunked: true), [.. Chunked(BigMultipart())], false, 413),
            // The client has closed its side: Kestrel may drop the 400 with the connection; either way no 500.
            ["truncated body"] = (rig.Head(path, form, 1000, chunked: false), [Encoding.ASCII.GetBytes("event=ONCRM")], true, 400),
            ["too many fields"] = (rig.Head(path, form, 6000, chunked: false), [Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("a=&", 2000)))], false, 400),
            ["not a form"] = (rig.Head(path, "application/json", 2, chunked: false), [Encoding.ASCII.GetBytes("{}")], false, 400),
        };

        var seen = new Dictionary<string, int>();
        foreach (var (name, (head, body, halfClose, _)) in cases)
        {
            seen[name] = await rig.SendRawAsync(head, body, halfClose, cancellationToken);
        }

        Assert.Multiple(() =>
        {
            foreach (var (name, c) in cases)
            {
                Assert.That(seen[name], c.HalfClose ? Is.AnyOf(0, c.Expected) : Is.EqualTo(c.Expected), name);
            }

            Assert.That(rig.ErrorsWithExceptions, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Placement_28MegabytesDeclared_413BeforeTheBodyIsRead(CancellationToken cancellationToken)
    {
        await using var rig = await InboundRig.StartAsync(null, cancellationToken);

        // Only 1 KB of the declared 28 MB is ever sent: an answer can only come from the declared length.
        var status = await rig.SendRawAsync(
            rig.Head("/b24/placement/CRM_DEAL_DETAIL_TAB", "application/x-www-form-urlencoded", 28L * 1024 * 1024, chunked: false),
            [Encoding.ASCII.GetBytes("member_id=" + new string('x', 1024))], halfClose: false, cancellationToken);

        Assert.That(status, Is.EqualTo(413));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Event_60KilobyteNameWithCrAndAnsi_LogLineCappedAndEscaped(CancellationToken cancellationToken)
    {
        await using var rig = await InboundRig.StartAsync(null, cancellationToken);
        using var http = new HttpClient();
        var name = "ONCRMDEALADD\r\n2026-01-01 INFO forged line \u001b[31mred\u001b[0m" + new string('A', 60 * 1024);

        using var response = await http.PostAsync(new Uri(rig.Url, "b24/events"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["event"] = name, ["auth[member_id]"] = "m\r\nx", ["auth[application_token]"] = "t",
        }), cancellationToken);
        var lines = rig.Logs.Lines.Where(l => l.Contains("rejected", StringComparison.Ordinal)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(lines, Is.Not.Empty);
            Assert.That(lines, Has.All.Length.LessThan(4000));
            Assert.That(rig.Logs.Lines.Count(l => l.Contains('\r', StringComparison.Ordinal) || l.Contains('\u001b', StringComparison.Ordinal)), Is.Zero);
            Assert.That(lines, Has.Some.Contain("ONCRMDEALADD\\r\\n2026").And.Some.Contain("\\e[31M"));
            Assert.That(rig.Logs.Lines, Has.All.Length.LessThan(8000));
        });
    }

    private static IEnumerable<byte[]> Chunked(byte[] body)
    {
        for (var at = 0; at < body.Length; at += 8192)
        {
            var length = Math.Min(8192, body.Length - at);
            yield return Encoding.ASCII.GetBytes($"{length:x}\r\n");
            yield return body.AsSpan(at, length).ToArray();
            yield return "\r\n"u8.ToArray();
        }

        yield return "0\r\n\r\n"u8.ToArray();
    }

    private static byte[] BigMultipart() => Encoding.ASCII.GetBytes(
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"event\"\r\n\r\n{new string('x', 100 * 1024)}\r\n--{Boundary}--\r\n");
}
