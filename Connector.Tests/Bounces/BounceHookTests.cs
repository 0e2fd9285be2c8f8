using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Connector.Bounces;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Bounces;

/// <summary><c>POST /hooks/bounces</c>: Standard Webhooks signatures (checked against Python's hmac too), limits, field-named 400s, dedupe by webhook-id.</summary>
[CancelAfter(30_000)]
public sealed class BounceHookTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_796_300_000));

    [Test]
    public async Task HandleAsync_SignedHardBounceWithVerp_RecordedAndSuppressed()
    {
        using var rig = new BounceRig(_time);
        var id = (await rig.RowsAsync("campaign:1", "ghost@example.org"))[0];
        var body = Json(new { type = "bounce", recipient = "ghost@example.org", status = "5.1.1", diagnostic = "smtp; 550 5.1.1 no such user", return_path = rig.Verp(id) });

        var answer = await rig.Hook(Secret).HandleAsync(Request(body, "msg_1", Sign(body, "msg_1")), TestContext.CurrentContext.CancellationToken);
        var replay = await rig.Hook(Secret).HandleAsync(Request(body, "msg_1", Sign(body, "msg_1")), TestContext.CurrentContext.CancellationToken);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((answer.Status, JsonSerializer.Serialize(answer.Body)), Is.EqualTo((200, """{"recorded":true,"kind":"hard","matched":true,"suppressed":true}""")));
            Assert.That(JsonSerializer.Serialize(replay.Body), Does.Contain("\"recorded\":false"), "the same webhook-id records nothing twice");
            Assert.That(await rig.BounceEventsAsync(), Is.EqualTo(new[] { ((long?)id, "ghost@example.org", "hard", (string?)"5.1.1", "hook") }));
            Assert.That((await rig.Ledger.SuppressionEntryAsync("ghost@example.org", TestContext.CurrentContext.CancellationToken))?.Reason, Is.EqualTo("hard_bounce"));
        });
    }

    [Test]
    public async Task HandleAsync_SignatureFromPythonHmac_Accepted()
    {
        using var rig = new BounceRig(_time);
        var body = Json(new { type = "complaint", recipient = "someone@example.org" });
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        const string Script = "import base64,hashlib,hmac,sys\nkey=base64.b64decode(sys.argv[1][6:])\nmsg=(sys.argv[2]+'.'+sys.argv[3]+'.').encode()+sys.stdin.buffer.read()\nprint('v1,'+base64.b64encode(hmac.new(key,msg,hashlib.sha256).digest()).decode())";
        var (code, output) = await Connector.Tests.Sending.Peers.RunAsync("/usr/bin/python3", ["-c", Script, Secret, "msg_py", timestamp], Encoding.UTF8.GetString(body));
        Assert.That(code, Is.Zero, output);

        var answer = await rig.Hook(Secret).HandleAsync(Request(body, "msg_py", output.Trim(), timestamp), TestContext.CurrentContext.CancellationToken);

        Assert.That((answer.Status, JsonSerializer.Serialize(answer.Body)), Is.EqualTo((200, """{"recorded":true,"kind":"complaint","matched":false,"suppressed":false}""")));
    }

    [Test]
    public async Task HandleAsync_TamperedBody_401AndNothingStored()
    {
        using var rig = new BounceRig(_time);
        var body = Json(new { type = "bounce", recipient = "a@example.org", status = "5.1.1" });
        var signature = Sign(body, "msg_2");
        body[^2] = (byte)' ';

        var answer = await rig.Hook(Secret).HandleAsync(Request(body, "msg_2", signature), TestContext.CurrentContext.CancellationToken);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(answer.Status, Is.EqualTo(401));
            Assert.That(await rig.BounceEventsAsync(), Is.Empty);
        });
    }

    [Test]
    public async Task HandleAsync_StaleTimestamp_401()
    {
        using var rig = new BounceRig(_time);
        var body = Json(new { type = "bounce", recipient = "a@example.org", status = "5.1.1" });
        var old = _time.GetUtcNow().AddMinutes(-6).ToUnixTimeSeconds();
        var signature = StandardWebhookSignature.Sign(HookSecret.KeyOf(Secret)!, "msg_3", old, body);

        var answer = await rig.Hook(Secret).HandleAsync(Request(body, "msg_3", signature, old.ToString(CultureInfo.InvariantCulture)), TestContext.CurrentContext.CancellationToken);

        Assert.That(answer.Status, Is.EqualTo(401));
    }

    [TestCase("""{"type":"bounce","recipient":"a@example.org"}""", "status:")]
    [TestCase("""{"type":"bounced","recipient":"a@example.org","status":"5.1.1"}""", "type:")]
    [TestCase("""{"type":"bounce","recipient":42,"status":"5.1.1"}""", "recipient:")]
    [TestCase("""{"type":"bounce","recipient":"not an address","status":"5.1.1"}""", "recipient:")]
    [TestCase("""[1,2]""", "body:")]
    [TestCase("""{"type":""", "body:")]
    public async Task HandleAsync_SignedBadJson_400NamingTheField(string json, string field)
    {
        using var rig = new BounceRig(_time);
        var body = Encoding.UTF8.GetBytes(json);
        var answer = await rig.Hook(Secret).HandleAsync(Request(body, "msg_4", Sign(body, "msg_4")), TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(400));
            Assert.That(JsonSerializer.Serialize(answer.Body), Does.StartWith("{\"error\":\"" + field));
        });
    }

    [Test]
    public async Task HandleAsync_OverSixtyFourKilobytes_413BeforeReading()
    {
        using var rig = new BounceRig(_time);
        var request = Request(new byte[10], "msg_5", "v1,AAAA");
        request.ContentLength = BounceHook.MaxBody + 1;
        var chunked = Request(new byte[BounceHook.MaxBody + 1], "msg_6", "v1,AAAA");
        chunked.ContentLength = null;

        var declared = await rig.Hook(Secret).HandleAsync(request, TestContext.CurrentContext.CancellationToken);
        var streamed = await rig.Hook(Secret).HandleAsync(chunked, TestContext.CurrentContext.CancellationToken);

        Assert.That((declared.Status, streamed.Status, request.Body.Position), Is.EqualTo((413, 413, 0L)));
    }

    [Test]
    public async Task HandleAsync_NoSecretConfigured_404()
    {
        using var rig = new BounceRig(_time);
        var hook = new BounceHook(Microsoft.Extensions.Options.Options.Create(new BounceIntakeOptions()), rig.Matcher, rig.Recorder, _time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<BounceHook>.Instance);
        var answer = await hook.HandleAsync(Request([], "x", "v1,AAAA"), TestContext.CurrentContext.CancellationToken);
        Assert.That(answer.Status, Is.EqualTo(404));
    }

    private static byte[] Json(object value) => JsonSerializer.SerializeToUtf8Bytes(value);

    private string Sign(byte[] body, string id) => StandardWebhookSignature.Sign(HookSecret.KeyOf(Secret)!, id, _time.GetUtcNow().ToUnixTimeSeconds(), body);

    private HttpRequest Request(byte[] body, string id, string signature, string? timestamp = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        context.Request.Headers["webhook-id"] = id;
        context.Request.Headers["webhook-timestamp"] = timestamp ?? _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        context.Request.Headers["webhook-signature"] = signature;
        Debug.Assert(context.Request.Body.CanRead);
        return context.Request;
    }
}
