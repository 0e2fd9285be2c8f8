using Connector.Sending.Tokens;

namespace Connector.Tests.Sending;

/// <summary>Signed tokens: each codec's tags verify with its own key only, whichever codecs share a thread.</summary>
[CancelAfter(120_000)]
public sealed class TokenCodecTests
{
    [Test]
    public void Create_TwoKeysAlternatingOnOneThread_EachTokenReadsWithItsOwnKeyOnly()
    {
        var one = new TokenCodec(Enumerable.Repeat((byte)1, 32).ToArray());
        var two = new TokenCodec(Enumerable.Repeat((byte)2, 32).ToArray());
        var reference = new MessageRef(42, 7);
        var tokens = Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? one : two).Create(TokenKind.Click, reference, $"https://shop.example.com/{i}")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(tokens.Select((t, i) => (i % 2 == 0 ? one : two).Read(TokenKind.Click, t)?.Url), Is.EqualTo(Enumerable.Range(0, 4).Select(i => $"https://shop.example.com/{i}")));
            Assert.That(tokens.Select((t, i) => (i % 2 == 0 ? two : one).Read(TokenKind.Click, t)), Has.All.Null);
            Assert.That(tokens[0], Is.EqualTo(one.Create(TokenKind.Click, reference, "https://shop.example.com/0")), "a reused HMAC state is reset between tags");
        });
    }

    [Test]
    public async Task Create_ManyThreadsAtOnce_EveryTokenVerifies()
    {
        var codec = new TokenCodec(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var tokens = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
            Enumerable.Range(0, 200).Select(j => (i, j, codec.Create(TokenKind.Open, new MessageRef(i, j)))).ToList())));
        Assert.That(tokens.SelectMany(t => t).All(t => codec.Read(TokenKind.Open, t.Item3) is { } read && read.Message == new MessageRef(t.i, t.j)), Is.True);
    }
}
