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
        Tokens = new TokenCodec(TokenKey.Load(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), KeyFolder));
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
