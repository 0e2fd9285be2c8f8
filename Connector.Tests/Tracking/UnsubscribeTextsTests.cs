using Connector.Tracking.Unsubscribe;

namespace Connector.Tests.Tracking;

[CancelAfter(10_000)]
public sealed class UnsubscribeTextsTests
{
    [TestCase("en-US,en;q=0.9", "en")]
    [TestCase("ru-RU,ru;q=0.9,en-US;q=0.8", "ru")]
    [TestCase("de-DE,de;q=0.9,en;q=0.7,ru;q=0.5", "en")]
    [TestCase("ru;q=0.2,en;q=0.8", "en")]
    [TestCase("en;q=0,ru", "ru")]
    [TestCase("uk-UA", "ru")]
    [TestCase("fr-FR", "ru")]
    [TestCase("", "ru")]
    [TestCase(null, "ru")]
    [TestCase("garbage;;;q=abc", "ru")]
    public void For_AcceptLanguage_PicksRussianOrEnglish(string? header, string expected) =>
        Assert.That(UnsubscribeTexts.For(header).Language, Is.EqualTo(expected));

    [Test]
    public void Form_EveryText_HtmlEscaped()
    {
        var texts = UnsubscribeTexts.English with { Question = "<b>\"quoted\" & more</b>" };

        Assert.That(UnsubscribePage.Form(texts), Does.Contain("&lt;b&gt;&quot;quoted&quot; &amp; more&lt;/b&gt;").And.Not.Contain("<b>"));
    }
}
