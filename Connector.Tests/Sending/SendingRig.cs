using Connector.Sending;
using Connector.Sending.Composing;
using Connector.Sending.Dkim;
using Connector.Sending.Tokens;

namespace Connector.Tests.Sending;

/// <summary>A composer with freshly generated DKIM keys (example.com) in a temporary folder, and sample letters.</summary>
internal sealed class SendingRig : IDisposable
{
    public SendingRig(TimeProvider? time = null)
    {
        KeyFolder = Directory.CreateTempSubdirectory("dkim-").FullName;
        Records = DkimKeyGenerator.Generate("example.com", KeyFolder, DateTimeOffset.Parse("2026-11-22T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        Settings = new SendingSettings
        {
            FromAddress = "news@example.com",
            FromName = "Example Shop",
            DkimDomain = "example.com",
            KeyFolder = KeyFolder,
            TrackingBaseUrl = new Uri("https://t.example.com"),
            BouncesDomain = "bounces.example.com",
        };
        Tokens = new TokenCodec(TokenKey.Load(signingKey: null, KeyFolder));
        Keys = DkimKeySet.Load("example.com", KeyFolder);
        Composer = new MessageComposer(Settings, Tokens, Keys, time ?? TimeProvider.System);
    }

    public string KeyFolder { get; }

    public IReadOnlyList<DkimDnsRecord> Records { get; }

    public SendingSettings Settings { get; }

    public TokenCodec Tokens { get; }

    public DkimKeySet Keys { get; }

    public MessageComposer Composer { get; }

    public static SendContext Campaign { get; } = new(42, MailKind.Campaign, "november-sale", "November sale");

    public static SendContext Scenario { get; } = new(43, MailKind.Scenario, "welcome", "Welcome series");

    public static Letter SampleLetter { get; } = new(
        "Your November picks, Anna",
        "Three things we think you will like",
        """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>November</title></head><body>
        <table role="presentation" width="100%"><tr><td align="center">
        <table role="presentation" width="600" style="max-width:600px"><tr><td style="font-family:Arial,sans-serif;font-size:16px;line-height:24px;color:#222222">
        <h1 style="font-size:24px">Hello Anna,</h1>
        <p>Thank you for shopping with us this year. We picked a few items that go well with your last order,
        and we hope one of them is useful to you. Delivery within Moscow is free until the end of the month.</p>
        <p><a href="https://shop.example.com/catalog/november?utm_source=email">See the November catalogue</a></p>
        <h2 style="font-size:20px">Warm wool scarf</h2>
        <p>Knitted from merino wool in a small workshop near Ivanovo, this scarf is soft enough to wear all day and warm
        enough for the coldest walks of the season. It comes in grey, navy and a deep forest green, and it is long enough to
        wrap twice. Customers who bought the winter coat last year told us it is the piece they reach for most often.</p>
        <h2 style="font-size:20px">Cast iron tea pot</h2>
        <p>A heavy, enamelled tea pot that keeps tea hot for a long time. The removable strainer makes loose leaf tea easy,
        and the pot is simple to clean. It holds about a litre, which is enough for four cups, and it looks good on any table.
        We have a limited number in black and in dark red, and we expect them to be gone before the holidays.</p>
        <h2 style="font-size:20px">Reading lamp</h2>
        <p>A small brass lamp with a warm light that is kind to the eyes in the long November evenings. The arm turns in
        every direction, the base is heavy enough to stay put, and the switch sits where your hand expects it. It uses an
        ordinary bulb, so you can choose the colour of the light yourself. Many of you asked for it after our last letter.</p>
        <p>Every order this month comes with a handwritten card from our team and careful packaging, so it is ready to give
        as a present. You can return anything within thirty days, no questions asked, and we pay for the return delivery.</p>
        <p>Our shop in the city centre is open every day from ten in the morning until nine in the evening, and on
        Saturdays we serve hot tea and gingerbread to everyone who comes in. If you prefer to pick up your order in person,
        choose the shop at checkout and we will keep it ready for you for two weeks.</p>
        <table role="presentation" width="100%" style="border-top:1px solid #dddddd"><tr>
        <td style="padding:12px 0;font-family:Arial,sans-serif;font-size:14px;color:#444444">Delivery: free in Moscow, 300 roubles elsewhere in Russia</td>
        <td style="padding:12px 0;font-family:Arial,sans-serif;font-size:14px;color:#444444" align="right">Returns: 30 days, free of charge</td>
        </tr></table>
        <p>If you have questions about your order, simply reply to this letter and our team will answer within a day.</p>
        <p>Kind regards,<br>Maria from Example Shop</p>
        <p style="font-size:12px;color:#666666">Example Shop LLC, 1 Tverskaya street, Moscow 125009, Russia.
        <a href="https://t.example.com/t/u/placeholder">Unsubscribe</a></p>
        </td></tr></table></td></tr></table></body></html>
        """,
        null);

    public static LetterRecipient Anna { get; } = new(1001, "anna@example.org", "Anna Petrova");

    public string[] VerifierKeyArguments() => Records.Select(r => $"{r.Name}={Path.Combine(KeyFolder, r.Selector + ".txt")}").ToArray();

    public void Dispose() => Directory.Delete(KeyFolder, recursive: true);
}
