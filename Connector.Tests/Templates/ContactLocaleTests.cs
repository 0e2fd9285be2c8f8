using Connector.Templates;

namespace Connector.Tests.Templates;

[CancelAfter(120_000)]
public sealed class ContactLocaleTests
{
    [TestCase("en-US", "en-US")]
    [TestCase(" en_us ", "en-US")]
    [TestCase("ru", "ru")]
    [TestCase("kk-KZ", "kk-KZ")]
    [TestCase("", null)]
    [TestCase(null, null)]
    [TestCase("45", null)]
    [TestCase("не указан", null)]
    [TestCase("xx-YY", null)]
    [TestCase("en-US\r\nBcc: x@example.net", null)]
    public void Resolve_CrmValue_KnownCultureNameOrNull(string? value, string? expected) =>
        Assert.That(ContactLocale.Resolve(value), Is.EqualTo(expected));
}
