using Connector.Sending;
using Connector.Sending.Settings;
using Connector.Sending.Smtp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connector.Tests.Sending;

[CancelAfter(120_000)]
public sealed class SmtpOptionsTests
{
    [Test]
    public void From_FullConfiguration_ReadsKeysAndToStringNeverShowsThePassword()
    {
        var options = SmtpOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "smtp.example.com", ["Smtp:Port"] = "465", ["Smtp:Security"] = "SslOnConnect", ["Smtp:User"] = "mailer", ["Smtp:Password"] = "s3cret-Pa55",
        }).Build());
        Assert.Multiple(() =>
        {
            Assert.That((options.Host, options.Port, options.Security, options.User), Is.EqualTo(("smtp.example.com", 465, SmtpSecurity.SslOnConnect, "mailer")));
            Assert.That(options.ToString(), Is.EqualTo("default: SslOnConnect smtp.example.com:465 as mailer"));
            Assert.That(options.ToString(), Does.Not.Contain("s3cret"));
        });
    }

    [TestCase("Ssl")]
    [TestCase("tls1.3")]
    public void From_UnknownSecurity_FailsNamingTheKey(string security) =>
        Assert.That(() => SmtpOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Smtp:Host"] = "h", ["Smtp:Security"] = security }).Build()),
            Throws.InvalidOperationException.With.Message.Contains("Smtp:Security"));

    [Test]
    public void Compose_Domains_AlignedForDmarc()
    {
        using var rig = new SendingRig();
        var composed = rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!;
        var dkim = composed.Message.Headers.Where(h => h.Id == MimeKit.HeaderId.DkimSignature).Select(h => System.Text.RegularExpressions.Regex.Match(h.Value, @"d=([^;\s]+)").Groups[1].Value);
        Assert.Multiple(() =>
        {
            Assert.That(dkim, Is.All.EqualTo("example.com"));
            Assert.That(composed.Message.From.Mailboxes.Single().Domain, Is.EqualTo("example.com"));
            Assert.That(composed.EnvelopeFrom.Domain, Does.EndWith(".example.com"));
        });
    }

    [Test]
    public void SendingSettings_FromMinimalConfiguration_DerivesDomains()
    {
        var settings = Settings(new Dictionary<string, string?>
        {
            ["Sender:FromAddress"] = "news@shop.example.ru", ["Tracking:BaseUrl"] = "https://t.shop.example.ru/",
        });
        Assert.That((settings.DkimDomain, settings.BouncesDomain, settings.TrackingBaseUrl.AbsoluteUri), Is.EqualTo(("shop.example.ru", "bounces.shop.example.ru", "https://t.shop.example.ru/")));
    }

    [Test]
    public void SendingSettings_FromFullConfiguration_ReadsEveryKey()
    {
        var settings = Settings(new Dictionary<string, string?>
        {
            ["Sender:FromAddress"] = "news@shop.example.ru", ["Sender:FromName"] = "", ["Sender:ReplyTo"] = "help@shop.example.ru", ["Sender:FeedbackId"] = "shop-news",
            ["Dkim:Domain"] = "example.ru", ["Dkim:KeyFolder"] = "keys", ["Tracking:BaseUrl"] = "http://t.example.ru", ["Bounces:Domain"] = "b.example.ru",
        });
        Assert.That(
            (settings.FromName, settings.ReplyTo, settings.FeedbackSenderId, settings.DkimDomain, settings.KeyFolder, settings.TrackingBaseUrl.AbsoluteUri, settings.BouncesDomain, settings.FromDomain),
            Is.EqualTo(("", "help@shop.example.ru", "shop-news", "example.ru", "keys", "http://t.example.ru/", "b.example.ru", "shop.example.ru")));
    }

    [TestCase("Sender:FromAddress", "Sender:FromAddress is required for sending")]
    [TestCase("Tracking:BaseUrl", "Tracking:BaseUrl is required for sending")]
    public void SendingSettings_RequiredKeyMissing_FailsNamingTheKey(string missing, string expected)
    {
        var values = new Dictionary<string, string?> { ["Sender:FromAddress"] = "news@shop.example.ru", ["Tracking:BaseUrl"] = "https://t.shop.example.ru/" };
        values.Remove(missing);
        Assert.That(() => Settings(values), Throws.InvalidOperationException.With.Message.EqualTo(expected));
    }

    // Through the composition: the options bound and validated as every host has them.
    private static SendingSettings Settings(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var services = new ServiceCollection().AddSendingOptions(configuration).BuildServiceProvider();
        return SendingSettings.From(
            services.GetRequiredService<IOptions<SenderOptions>>().Value, services.GetRequiredService<IOptions<DkimOptions>>().Value,
            services.GetRequiredService<IOptions<TrackingOptions>>().Value, services.GetRequiredService<IOptions<BouncesOptions>>().Value);
    }
}
