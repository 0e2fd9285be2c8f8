using System.Buffers.Binary;
using System.Net;
using System.Text;
using Connector.Sending.Tokens;
using Connector.Tracking;
using Microsoft.Data.Sqlite;

namespace Connector.Tests.Tracking;

/// <summary>
/// What the anonymous surface must refuse, and what it must survive: tampered tokens and open-redirect attempts (404,
/// nothing stored, never a redirect elsewhere), oversized and malformed bodies (413/400, never a 500), and a store held
/// locked by another connection (the pixel still answers; a click still redirects; an unsubscribe says 503 rather than a
/// 200 for what is not stored, and the queued hits land once the lock is gone).
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[CancelAfter(120_000)]
public sealed class TrackingBadInputTests
{
    [Test]
    [CancelAfter(90_000)]
    public async Task TamperedTokensAndOpenRedirects_404OrGifAndNothingStored(CancellationToken cancellationToken)
    {
        await using var rig = await TrackingRig.StartAsync(null, cancellationToken);
        var message = (await rig.SendAsync("campaign:tracking-bad", "anna@example.org"))[0];
        var link = TrackingRig.Links(message)[0];
        var clickToken = link.AbsolutePath[5..];
        var pixelToken = TrackingRig.Pixel(message).AbsolutePath[5..];
        var unsubscribeToken = TrackingRig.OneClick(message).AbsolutePath[5..];
        var signed = rig.Tokens.Read(TokenKind.Click, clickToken)!;
        using var http = rig.Client();

        var refused = new Dictionary<string, string>
        {
            ["one character changed"] = "/t/c/" + Flip(clickToken, clickToken.Length / 2),
            ["tag cut off"] = "/t/c/" + clickToken[..^4],
            ["open token as a click"] = "/t/c/" + pixelToken,
            ["unsubscribe token as a click"] = "/t/c/" + unsubscribeToken,
            ["a URL instead of a token"] = "/t/c/" + Uri.EscapeDataString("https://evil.example/"),
            ["our message, another URL, a made-up tag"] = "/t/c/" + Forge(signed.Message, "https://evil.example/"),
            ["not base64url"] = "/t/c/%2F%2Fevil.example",
            ["over the length limit"] = "/t/c/" + new string('A', TrackingTokens.MaxLength + 1),
        };
        var answers = new Dictionary<string, (HttpStatusCode Status, Uri? Location)>();
        foreach (var (name, path) in refused)
        {
            using var answer = await http.GetAsync(path, cancellationToken);
            answers[name] = (answer.StatusCode, answer.Headers.Location);
        }

        using var tamperedPixel = await http.GetAsync("/t/o/" + Flip(pixelToken, 3), cancellationToken);
        using var clickAsPixel = await http.GetAsync("/t/o/" + clickToken, cancellationToken);
        using var tamperedPage = await http.GetAsync("/t/u/" + Flip(unsubscribeToken, 5), cancellationToken);
        using var tamperedPost = await http.PostAsync("/t/u/" + Flip(unsubscribeToken, 5),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }), cancellationToken);
        var storedBeforeLegit = await rig.CountAsync("SELECT COUNT(*) FROM engagement_hits") + await rig.CountAsync("SELECT COUNT(*) FROM suppressions");
        // A redirect target in the query string is ignored: only the signed URL is ever a destination.
        using var withQuery = await http.GetAsync(link.AbsoluteUri + "?url=https%3A%2F%2Fevil.example%2F&redirect=https://evil.example/", cancellationToken);

        Assert.Multiple(() =>
        {
            foreach (var (name, (status, location)) in answers)
            {
                Assert.That((status, location), Is.EqualTo((HttpStatusCode.NotFound, (Uri?)null)), name);
            }

            Assert.That((tamperedPixel.StatusCode, tamperedPixel.Content.Headers.ContentType?.MediaType), Is.EqualTo((HttpStatusCode.OK, "image/gif")));
            Assert.That((clickAsPixel.StatusCode, clickAsPixel.Content.Headers.ContentType?.MediaType), Is.EqualTo((HttpStatusCode.OK, "image/gif")));
            Assert.That(tamperedPage.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(tamperedPost.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(storedBeforeLegit, Is.Zero, "nothing stored for a refused token");
            Assert.That((withQuery.StatusCode, withQuery.Headers.Location?.AbsoluteUri), Is.EqualTo((HttpStatusCode.Redirect, signed.Url)));
            Assert.That(rig.ErrorsWithExceptions, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task UnsubscribePost_OversizedOrMalformed_413Or400AndNothingStored(CancellationToken cancellationToken)
    {
        await using var rig = await TrackingRig.StartAsync(null, cancellationToken);
        var message = (await rig.SendAsync("campaign:tracking-bodies", "anna@example.org"))[0];
        var path = TrackingRig.OneClick(message).AbsolutePath;
        const string form = "application/x-www-form-urlencoded";
        const string multipart = "multipart/form-data; boundary=b0undary";
        var big = Encoding.ASCII.GetBytes("List-Unsubscribe=One-Click&reason=" + new string('x', 100 * 1024));
        var truncated = Encoding.ASCII.GetBytes("--b0undary\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click");
        var cases = new Dictionary<string, (string Type, long? Length, bool Chunked, byte[][] Body, int Expected)>
        {
            ["oversized, Content-Length"] = (form, big.Length, false, [big], 413),
            ["oversized, chunked"] = (form, null, true, [.. Chunked(big)], 413),
            ["declared 28 MB, 1 KB sent"] = (form, 28L * 1024 * 1024, false, [big[..1024]], 413),
            ["malformed multipart"] = (multipart, 24, false, [Encoding.ASCII.GetBytes("no boundary anywhere....")], 400),
            ["truncated multipart"] = (multipart, truncated.Length, false, [truncated], 400),
            ["charset=utf-7"] = (form + "; charset=utf-7", 11, false, [Encoding.ASCII.GetBytes("scope=+ADw-")], 400),
            ["not a form"] = ("application/json", 2, false, [Encoding.ASCII.GetBytes("{}")], 400),
            ["too many fields"] = (form, 6000, false, [Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("a=&", 2000)))], 400),
            ["no scope, no one-click"] = (form, 8, false, [Encoding.ASCII.GetBytes("reason=x")], 400),
        };

        var seen = new Dictionary<string, int>();
        foreach (var (name, c) in cases)
        {
            seen[name] = await rig.SendRawAsync(path, c.Type, c.Length, c.Chunked, c.Body, cancellationToken);
        }

        var stored = await rig.CountAsync("SELECT COUNT(*) FROM engagement_hits") + await rig.CountAsync("SELECT COUNT(*) FROM suppressions");
        Assert.Multiple(() =>
        {
            foreach (var (name, c) in cases)
            {
                Assert.That(seen[name], Is.EqualTo(c.Expected), name);
            }

            Assert.That(stored, Is.Zero);
            Assert.That(rig.ErrorsWithExceptions, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task StoreLockedByAnotherConnection_PixelAnswersClickRedirectsUnsubscribe503ThenHitsAndSuppressionLandAfterRelease(CancellationToken cancellationToken)
    {
        await using var rig = await TrackingRig.StartAsync(new Dictionary<string, string?> { ["Tracking:RecordWaitMilliseconds"] = "500" }, cancellationToken);
        var message = (await rig.SendAsync("campaign:tracking-locked", "anna@example.org"))[0];
        var link = TrackingRig.Links(message)[0];
        var oneClick = TrackingRig.OneClick(message);
        using var http = rig.Client();
        Func<HttpContent> body = () => new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" });

        HttpStatusCode pixel, click, unsubscribe;
        byte[] gif;
        await using (var holder = new SqliteConnection($"Data Source={rig.StorePath};Pooling=False"))
        {
            await holder.OpenAsync(cancellationToken);
            await using var exclusive = holder.CreateCommand();
            exclusive.CommandText = "BEGIN EXCLUSIVE; INSERT INTO templates (name, version, body, created_at) VALUES ('lock', 1, '{}', 'now');";
            await exclusive.ExecuteNonQueryAsync(cancellationToken);

            // Every answer below arrives while the other connection still holds the write lock.
            using var pixelAnswer = await http.GetAsync(TrackingRig.Pixel(message), cancellationToken);
            (pixel, gif) = (pixelAnswer.StatusCode, await pixelAnswer.Content.ReadAsByteArrayAsync(cancellationToken));
            using var clickAnswer = await http.GetAsync(link, cancellationToken);
            click = clickAnswer.StatusCode;
            using var unsubscribeAnswer = await http.PostAsync(oneClick, body(), cancellationToken);
            unsubscribe = unsubscribeAnswer.StatusCode;
            Assert.That(unsubscribeAnswer.Headers.RetryAfter, Is.Not.Null);

            exclusive.CommandText = "ROLLBACK";
            await exclusive.ExecuteNonQueryAsync(cancellationToken);
        }

        // The queued hits land once the lock is gone, and the one-click's suppression follows without a retry.
        while (await rig.CountAsync("SELECT COUNT(*) FROM engagement_hits") < 3 || await rig.CountAsync("SELECT COUNT(*) FROM suppressions") < 1)
        {
            await Task.Delay(50, cancellationToken);
        }

        using var retried = await http.PostAsync(oneClick, body(), cancellationToken);
        var kinds = await rig.QueryAsync<string>("SELECT kind FROM engagement_hits ORDER BY id");
        var suppressed = await rig.CountAsync("SELECT COUNT(*) FROM suppressions WHERE address = 'anna@example.org' AND reason = 'unsubscribed'");

        Assert.Multiple(() =>
        {
            Assert.That((pixel, System.Text.Encoding.ASCII.GetString(gif, 0, 6)), Is.EqualTo((HttpStatusCode.OK, "GIF89a")));
            Assert.That(click, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(unsubscribe, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "never a 200 for an unsubscribe that is not stored");
            Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(kinds, Is.EqualTo(new[] { "open", "click", "unsubscribe" }));
            Assert.That(suppressed, Is.EqualTo(1));
            Assert.That(rig.ErrorsWithExceptions, Is.Empty);
        });
    }

    private static string Flip(string token, int at) => token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];

    // A token naming a real message and another URL, with a tag made without the key.
    private static string Forge(MessageRef message, string url)
    {
        var extra = Encoding.UTF8.GetBytes(url);
        var bytes = new byte[17 + extra.Length + 12];
        bytes[0] = (byte)TokenKind.Click;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), message.SendId);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(9), message.RecipientId);
        extra.CopyTo(bytes, 17);
        return System.Buffers.Text.Base64Url.EncodeToString(bytes);
    }

    private static IEnumerable<byte[]> Chunked(byte[] body)
    {
        for (var i = 0; i < body.Length; i += 8192)
        {
            var part = body.AsSpan(i, Math.Min(8192, body.Length - i));
            yield return [.. Encoding.ASCII.GetBytes($"{part.Length:x}\r\n"), .. part, .. "\r\n"u8];
        }

        yield return "0\r\n\r\n"u8.ToArray();
    }
}
