using Connector.Cli;
using Microsoft.Extensions.Configuration;

namespace Connector.Tests.Cli;

[CancelAfter(120_000)]
public sealed class ConfigValidationTests
{
    [TestCase("Bitrix24:WebhookUrl", "https://portal.bitrix24.ru/rest/1/abc123/", null)]
    [TestCase("Bitrix24:WebhookUrl", "http://127.0.0.1:5080/sandbox/rest/1/abc/", null)]
    [TestCase("Bitrix24:WebhookUrl", "http://portal.bitrix24.ru/rest/1/abc123/", "Bitrix24:WebhookUrl: plain http")]
    [TestCase("Bitrix24:WebhookUrl", "portal.bitrix24.ru/rest/1/abc", "Bitrix24:WebhookUrl: not an absolute")]
    [TestCase("Bitrix24:WebhookUrl", "https://portal.bitrix24.ru/crm/", "Bitrix24:WebhookUrl: path must be")]
    [TestCase("Sync:IncrementalInterval", "soon", "Sync:IncrementalInterval: 'soon' is not a TimeSpan")]
    [TestCase("Sync:IncrementalInterval", "00:00:00", "Sync:IncrementalInterval: must be greater than zero")]
    [TestCase("Sync:FullSyncCron", "every night", "Sync:FullSyncCron:")]
    [TestCase("Store:Path", " ", "Store:Path: must not be empty")]
    [TestCase("App:PublicUrl", "connector.example.com", "App:PublicUrl: 'connector.example.com' is not an absolute")]
    [TestCase("Bitrix24:OAuthServer", "ftp://oauth", "Bitrix24:OAuthServer:")]
    [TestCase("Bitrix24:ClientId", "local.1", "Bitrix24:ClientSecret: Bitrix24:ClientId and Bitrix24:ClientSecret go together")]
    [TestCase("Templates:DefaultLocale", "en-US", null)]
    [TestCase("Templates:DefaultLocale", "klingon", "Templates:DefaultLocale: 'klingon' is not a known locale")]
    [TestCase("Templates:LocaleField", "UF_CRM_LANG", null)]
    [TestCase("Templates:LocaleField", "LOCALE", "Templates:LocaleField: 'LOCALE' is not a CRM user-field code")]
    [TestCase("Sender:FromAddress", "news@", "Sender:FromAddress: 'news@' is not an e-mail address with a domain")]
    [TestCase("Sender:FromAddress", "news", "Sender:FromAddress: 'news' is not an e-mail address with a domain")]
    [TestCase("Sender:FromAddress", "news@почта.рф", null)]
    [TestCase("Sender:ReplyTo", "help@example.com\r\nBcc: all@example.com", "Sender:ReplyTo: must not contain a line break")]
    [TestCase("Sender:FromName", "Shop\nBcc: x@example.com", "Sender:FromName: must not contain a line break")]
    [TestCase("Sender:FeedbackId", "abc", "Sender:FeedbackId: 'abc' must be 5 to 15")]
    [TestCase("Bounces:Domain", "bounces.example.com\r\nX-Evil: 1", "Bounces:Domain: must not contain a line break")]
    [TestCase("Bounces:Domain", "not a domain", "Bounces:Domain: 'not a domain' is not a domain name")]
    [TestCase("Dkim:Domain", "exa mple.com", "Dkim:Domain: 'exa mple.com' is not a domain name")]
    [TestCase("Tracking:BaseUrl", "t.example.com", "Tracking:BaseUrl: 't.example.com' is not an absolute http(s) URL")]
    [TestCase("Tracking:SigningKey", "short", "Tracking:SigningKey: must be base64 of at least 16 bytes")]
    [TestCase("Smtp:Port", "twenty-five", "Smtp:Port: 'twenty-five' is not a port")]
    [TestCase("Smtp:Port", "70000", "Smtp:Port: '70000' is not a port")]
    [TestCase("Smtp:Security", "Ssl", "Smtp:Security: must be None, StartTls or SslOnConnect")]
    [TestCase("Smtp:MaxConnections", "0", "Smtp:MaxConnections: '0' is not a positive whole number")]
    [TestCase("Smtp:Timeout", "later", "Smtp:Timeout: 'later' is not a TimeSpan")]
    [TestCase("Smtp:Transports:bulk:Port", "2526", "Smtp:Transports:bulk:Host: required")]
    [TestCase("Smtp:Routes:example.com", "nope", "Smtp:Routes:example.com must list known transports")]
    [TestCase("Sending:FrequencyCap:PerDay", "-1", "Sending:FrequencyCap:PerDay: '-1' is not a non-negative whole number")]
    [TestCase("Sending:DomainRates:gmail.com", "fast", "Sending:DomainRates:gmail.com: 'fast' is not a positive number")]
    [TestCase("Sending:WarmUp:Start", "yesterday", "Sending:WarmUp:Start: 'yesterday' is not a date")]
    [TestCase("Sending:Validation:CheckMx", "no", "Sending:Validation:CheckMx: 'no' is not true or false")]
    [TestCase("Sync:JobsEnabled", "maybe", "Sync:JobsEnabled: 'maybe' is not true or false")]
    [TestCase("Sandbox:Contacts", "-5", "Sandbox:Contacts: must not be negative")]
    [TestCase("urls", "notaurl", "urls: 'notaurl' is not an absolute http(s) URL")]
    [TestCase("urls", "http://127.0.0.1:5080;http://+:5081", null)]
    [TestCase("Serve:TrustedProxies", "10.0.0.5, nginx.local", "Serve:TrustedProxies: 'nginx.local' is not an IP address or a CIDR network")]
    [TestCase("Serve:TrustedProxies", "10.0.0.5, 10.1.0.0/16, ::1", null)]
    public void FirstProblem_Setting_NamesTheKey(string key, string value, string? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var problem = ConfigValidation.FirstProblem(configuration);

        Assert.That(problem, expected is null ? Is.Null : Does.StartWith(expected));
    }

    [TestCase("news@example.com", "example.com", null)]
    [TestCase("news@mail.example.com", "example.com", null)]
    [TestCase("news@example.com", "mail.example.com", "Sender:FromAddress: the From domain example.com is not covered by Dkim:Domain mail.example.com")]
    [TestCase("news@shop.example", "example.com", "Sender:FromAddress: the From domain shop.example is not covered by Dkim:Domain example.com")]
    [TestCase("news@notexample.com", "example.com", "Sender:FromAddress: the From domain notexample.com is not covered")]
    public void FirstProblem_FromDomainAndDkimDomain_RefusedUnlessCovered(string from, string dkim, string? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sender:FromAddress"] = from, ["Dkim:Domain"] = dkim }).Build();

        Assert.That(ConfigValidation.FirstProblem(configuration), expected is null ? Is.Null : Does.StartWith(expected));
    }

    [Test]
    public void FirstProblem_SigningKeyAndSmtpPassword_NeverEchoed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tracking:SigningKey"] = "s3cr3t-not-base64!", ["Smtp:Host"] = "relay example", ["Smtp:Password"] = "p4ssw0rd",
        }).Build();

        var problem = ConfigValidation.FirstProblem(configuration);

        Assert.Multiple(() =>
        {
            Assert.That(problem, Is.Not.Null);
            Assert.That(problem, Does.Not.Contain("s3cr3t").And.Not.Contain("p4ssw0rd"));
        });
    }

    [TestCase("Smtp:Hots", "relay.example.com", "Smtp:Hots is not a known setting and is ignored; did you mean Smtp:Host?")]
    [TestCase("Sender:FromAdress", "news@example.com", "Sender:FromAdress is not a known setting and is ignored; did you mean Sender:FromAddress?")]
    [TestCase("Smtp:Transports:bulk:Prot", "2526", "Smtp:Transports:bulk:Prot is not a known setting and is ignored; did you mean Smtp:Transports:bulk:Port?")]
    [TestCase("Sync:Zzz", "1", "Sync:Zzz is not a known setting and is ignored (known in Sync:")]
    public void Unknown_MisspelledKeyInKnownSection_OneWarningWithTheNearestKey(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value, ["Smtp:Host"] = "relay.example.com" }).Build();

        Assert.That(ConfigKeys.Unknown(configuration), Has.Exactly(1).Items.And.Exactly(1).StartsWith(expected));
    }

    [Test]
    public void Unknown_KnownKeysAndOtherSections_NoWarning()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "h", ["Smtp:Transports:bulk:Host"] = "b", ["Smtp:Routes:example.com"] = "bulk", ["Sending:DomainRates:gmail.com"] = "10",
            ["Sending:WarmUp:Domains:example.com:FirstDay"] = "500", ["Bitrix24:Client:RetryCount"] = "3", ["Logging:LogLevel:Default"] = "Warning",
            ["Sync:JobsEnabled"] = "false", ["Bitrix24:ApplicationToken"] = "t", ["Bitrix24:ClientId"] = "local.1", ["Bitrix24:ClientSecret"] = "s",
        }).Build();

        Assert.That(ConfigKeys.Unknown(configuration), Is.Empty);
    }

    [Test]
    public void FirstProblem_WebhookSecret_NeverEchoed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Bitrix24:WebhookUrl"] = "http://portal.example/rest/1/s3cr3tcode/" }).Build();

        Assert.That(ConfigValidation.FirstProblem(configuration), Does.Not.Contain("s3cr3tcode"));
    }

    [Test]
    public void Split_MixedArguments_ConfigurationAndVerbApart()
    {
        var (verb, config) = ConfigArgs.Split(["sync", "--full", "--Store:Path=x.db", "--Sync:Overlap", "00:01:00", "--urls", "http://127.0.0.1:1", "--json"]);

        Assert.Multiple(() =>
        {
            Assert.That(verb, Is.EqualTo(new[] { "sync", "--full", "--json" }));
            Assert.That(config, Is.EqualTo(new[] { "--Store:Path=x.db", "--Sync:Overlap=00:01:00", "--urls=http://127.0.0.1:1" }));
        });
    }
}
