using Connector.Templates;

namespace Connector.Tests.Templates;

public sealed class TemplateRendererTests
{
    private static readonly TemplateSender Sender = new("Example Shop", "news@example.com", "Example Shop LLC", "1 Tverskaya st., Moscow 125009", "https://shop.example.com");

    private static TemplateData Data(string? name, string locale = "ru-RU", decimal amount = 12500.5m) => TemplateData.From(
        new TemplateContact(7, name, "Петрова", null, "anna@example.org", locale, new Dictionary<string, string?>()),
        [new TemplateDeal(3, "Заказ №3", "WON", "Успешно", "Продажи", amount, "RUB", false, false)],
        Sender,
        "https://t.example.com/t/u/TOKEN");

    private static Connector.Sending.Composing.Letter Render(string html, TemplateData data, string subject = "{{ contact.name | default: \"коллега\" }}")
    {
        var compiled = new TemplateCompiler().Compile(new TemplateFile { Name = "t", Subject = subject, Html = html }).Template!;
        return new TemplateRenderer().Render(compiled, data);
    }

    [TestCase("Анна", "Анна")]
    [TestCase(null, "коллега")]
    [TestCase("", "коллега")]
    public void Render_Fallback_UsedWhenFieldEmpty(string? name, string expected) =>
        Assert.That(Render("<p>x</p>", Data(name)).Subject, Is.EqualTo(expected));

    [TestCase("ru-RU", "12 500,50 ₽|22 ноября 2026")]
    [TestCase("en-US", "₽12,500.50|22 November 2026")]
    public void Render_MoneyAndDate_InContactLocale(string locale, string expected)
    {
        var html = Render("{{ deal.amount | money: deal.currency }}|{{ \"2026-11-22\" | local_date }}", Data("A", locale)).Html;
        Assert.That(html.Replace('\u00a0', ' ').Replace('\u202f', ' '), Is.EqualTo(expected));
    }

    [TestCase("не указан", "12 500,50 ₽|22 ноября 2026")]
    [TestCase("xx-YY", "12 500,50 ₽|22 ноября 2026")]
    [TestCase("", "12 500,50 ₽|22 ноября 2026")]
    public void Render_InvalidContactLocale_FallsBackToTemplateLocale(string locale, string expected)
    {
        var html = Render("{{ deal.amount | money: deal.currency }}|{{ \"2026-11-22\" | local_date }}", Data("A", locale)).Html;
        Assert.That(html.Replace('\u00a0', ' ').Replace('\u202f', ' '), Is.EqualTo(expected));
    }

    [Test]
    public void Render_TemplateWithoutLocale_ContactLocaleElseDefaultLocale()
    {
        var file = new TemplateFile { Name = "t", Subject = "x", Html = "{{ deal.amount | money: deal.currency }}" };
        var compiled = new TemplateCompiler(new TemplateOptions { DefaultLocale = "en-US" }).Compile(file).Template!;
        var renderer = new TemplateRenderer();
        Assert.Multiple(() =>
        {
            Assert.That(renderer.Render(compiled, Data("A", "ru-RU")).Html.Replace('\u00a0', ' '), Is.EqualTo("12 500,50 ₽"));
            Assert.That(renderer.Render(compiled, Data("A", "")).Html, Is.EqualTo("₽12,500.50"));
        });
    }

    [Test]
    public void Render_CustomFieldsWithMarkupLiquidAndCrlf_StayDataAndNeverAHeader()
    {
        var hostile = "<b>Казань</b>{{ sender.address }}{% if true %}\r\nBcc: victim@example.net";
        var data = TemplateData.From(
            new TemplateContact(7, "Анна", null, null, "anna@example.org", null, new Dictionary<string, string?> { ["UF_CRM_CITY"] = hostile }),
            [new TemplateDeal(3, "Заказ", "NEW", null, null, 1m, "RUB", false, false, new Dictionary<string, string?> { ["UF_CRM_PROMO"] = "<i>NOV</i>" })],
            Sender,
            "https://t.example.com/t/u/TOKEN");
        var file = new TemplateFile
        {
            Name = "t", Subject = "Hi {{ contact.fields.UF_CRM_CITY }}", Html = "<p>{{ contact.fields.UF_CRM_CITY }}|{{ deal.fields.UF_CRM_PROMO }}</p>",
            CustomFields = ["UF_CRM_CITY", "deal.UF_CRM_PROMO"],
        };
        var letter = new TemplateRenderer().Render(new TemplateCompiler().Compile(file).Template!, data);
        using var rig = new Sending.SendingRig();
        var composed = rig.Composer.Compose(letter, Sending.SendingRig.Anna, Sending.SendingRig.Campaign).Message!.Message;
        using var wire = new MemoryStream();
        composed.WriteTo(wire);
        var parsed = MimeKit.MimeMessage.Load(new MemoryStream(wire.ToArray()));
        Assert.Multiple(() =>
        {
            Assert.That(letter.Html, Is.EqualTo("<p>&lt;b&gt;Казань&lt;/b&gt;{{ sender.address }}{% if true %}\r\nBcc: victim@example.net|&lt;i&gt;NOV&lt;/i&gt;</p>"));
            Assert.That(letter.Subject, Does.Contain("{{ sender.address }}{% if true %}"));
            Assert.That(parsed.Headers.Contains(MimeKit.HeaderId.Bcc), Is.False);
            Assert.That(parsed.Subject, Does.Not.Contain("\n"));
        });
    }

    [Test]
    public void Render_MarkupAndLiquidInCrmField_StayText()
    {
        var hostile = "<b>x</b>{{ sender.address }}{% raw %}\r\nBcc: a@b.c";
        var letter = Render("<p>{{ contact.name }}</p>", Data(hostile), subject: "Hi {{ contact.name }}");
        Assert.Multiple(() =>
        {
            Assert.That(letter.Html, Is.EqualTo("<p>&lt;b&gt;x&lt;/b&gt;{{ sender.address }}{% raw %}\r\nBcc: a@b.c</p>"));
            Assert.That(letter.Html, Does.Not.Contain("news@example.com"));
            Assert.That(letter.Subject, Does.Contain("{{ sender.address }}"));
        });
    }

    [Test]
    public void Render_NoWrittenText_TextPartDerivedOnceFromHtmlWithRawValues()
    {
        var letter = Render("<p>Hello {{ contact.name }} &amp; co</p><p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>", Data("<Anna>"));
        Assert.That(letter.Text, Is.EqualTo("Hello <Anna> & co\n\nUnsubscribe (https://t.example.com/t/u/TOKEN)\n"));
    }

    [Test]
    public void Compile_LiquidLoopBetweenTableRows_NoDerivedTextSoComposerConvertsPerMessage()
    {
        var html = "<table>{% for d in deals %}<tr><td>{{ d.title }}</td></tr>{% endfor %}</table>";
        var letter = Render(html, Data("A"));
        Assert.Multiple(() =>
        {
            Assert.That(letter.Text, Is.Null);
            Assert.That(letter.Html, Does.Contain("<td>Заказ №3</td>"));
        });
    }

    [Test]
    public void Render_BlockTemplate_ResponsiveTableHtmlWithFooter()
    {
        var file = TemplateFile.Parse(File.ReadAllText(Path.Combine(Sending.Peers.RepoRoot, "manifests", "templates", "november-sale.json")), "november-sale");
        var letter = new TemplateRenderer().Render(new TemplateCompiler().Compile(file).Template!, Data("Анна"));
        Assert.Multiple(() =>
        {
            Assert.That(letter.Subject, Is.EqualTo("Анна, подборка ноября для вас"));
            Assert.That(letter.Preheader, Does.Contain("«Заказ №3»"));
            Assert.That(letter.Html, Does.Contain("max-width:600px").And.Contain("@media only screen and (max-width:620px)"));
            Assert.That(letter.Html, Does.Contain("<v:roundrect href=\"https://shop.example.com/catalog/november\""));
            Assert.That(letter.Html, Does.Contain("href=\"https://t.example.com/t/u/TOKEN\""));
            Assert.That(letter.Html, Does.Contain("1 Tverskaya st., Moscow 125009"));
            Assert.That(letter.Html, Does.Contain("role=\"presentation\""));
            Assert.That(letter.Html, Does.Not.Contain("{{").And.Not.Contain("{%"));
            Assert.That(letter.Text, Does.Contain("Здравствуйте, Анна!").And.Contain("Отписаться от рассылки (https://t.example.com/t/u/TOKEN)"));
        });
    }
}
