using Connector.Cli;
using Microsoft.Extensions.Configuration;

namespace Connector.Tests.Cli;

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
    public void FirstProblem_Setting_NamesTheKey(string key, string value, string? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var problem = ConfigValidation.FirstProblem(configuration);

        Assert.That(problem, expected is null ? Is.Null : Does.StartWith(expected));
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
