using Connector.Templates;

namespace Connector.Tests.Templates;

[CancelAfter(120_000)]
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

    private static TemplateRenderResult TryRender(string html, TemplateOptions? options = null)
    {
        var compiled = new TemplateCompiler(options ?? TemplateOptions.Default).Compile(new TemplateFile { Name = "loop", Subject = "x", Html = html });
        Assert.That(compiled.Errors, Is.Empty);
        return new TemplateRenderer().TryRender(compiled.Template!, Data("Анна"));
    }

    [Test]
    public void TryRender_TwoHundredMillionIterations_StopsAtTheStepLimitWithAnError()
    {
        var result = TryRender("<p>{% for i in (1..20000) %}{% for j in (1..10000) %}{{ contact.name }}{% endfor %}{% endfor %}</p>");
        Assert.Multiple(() =>
        {
            Assert.That(result.Letter, Is.Null);
            Assert.That(result.Error!.ToString(), Is.EqualTo("loop (html): stopped after 100,000 steps (Templates:MaxSteps): a loop runs too long"));
        });
    }

    [Test]
    public void TryRender_RangeOfTwoHundredMillion_RefusedBeforeItIsBuilt()
    {
        var result = TryRender("{% for i in (1..200000000) %}x{% endfor %}");
        Assert.That(result.Error!.ToString(), Is.EqualTo("loop (html): range (1..200000000) has 200,000,000 items, more than 100,000 steps (Templates:MaxSteps)"));
    }

    [Test]
    public void TryRender_ConfiguredStepLimit_Used()
    {
        var loop = "{% for i in (1..30) %}{{ forloop.index0 }}{% endfor %}";
        Assert.Multiple(() =>
        {
            Assert.That(TryRender(loop, new TemplateOptions { MaxSteps = 40 }).Error!.Message, Does.Contain("stopped after 40 steps (Templates:MaxSteps)"));
            Assert.That(TryRender(loop, new TemplateOptions { MaxSteps = 200 }).Letter!.Html, Does.EndWith("2829"));
        });
    }

    [Test]
    public void TryRender_HugeOutput_StoppedAtTheOutputLimit()
    {
        var result = TryRender("{% for i in (1..5000) %}{{ sender.postal_address }}{% endfor %}", new TemplateOptions { MaxOutputChars = 100_000 });
        Assert.That(result.Error!.ToString(), Is.EqualTo("loop (html): output longer than 100,000 characters (Templates:MaxOutputChars)"));
    }

    [Test]
    public void TryRender_StringDoubledInALoop_StoppedAtTheOutputLimit()
    {
        var result = TryRender("{% assign s = \"xxxxxxxxxx\" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}");
        Assert.That(result.Error!.ToString(), Is.EqualTo("loop (html): 's' would hold more than 1,000,000 characters (Templates:MaxOutputChars)"));
    }

    [Test]
    public void TryRender_NestedDeeperThanTheRecursionLimit_StoppedWithAnError()
    {
        var nested = string.Concat(Enumerable.Repeat("{% for a in (1..1) %}", 8)) + "x" + string.Concat(Enumerable.Repeat("{% endfor %}", 8));
        Assert.Multiple(() =>
        {
            Assert.That(TryRender(nested, new TemplateOptions { MaxRecursion = 5 }).Error!.ToString(), Is.EqualTo("loop (html): blocks nested deeper than 5 (Templates:MaxRecursion)"));
            Assert.That(TryRender(nested).Letter!.Html, Is.EqualTo("x"));
        });
    }

    [Test]
    public void Render_OverALimit_ThrowsNamingTemplateAndLimit()
    {
        var compiled = new TemplateCompiler(new TemplateOptions { MaxSteps = 10 }).Compile(new TemplateFile { Name = "loop", Subject = "{% for i in (1..5) %}{% for j in (1..5) %}x{% endfor %}{% endfor %}", Html = "x" }).Template!;
        Assert.That(() => new TemplateRenderer().Render(compiled, Data("A")), Throws.InvalidOperationException.With.Message.EqualTo("loop (subject): stopped after 10 steps (Templates:MaxSteps): a loop runs too long"));
    }

    [TestCase("november-sale.json")]
    [TestCase("deal-followup.json")]
    [TestCase("delivery-reminder.yaml")]
    public void TryRender_ShippedExample_FitsInTwoHundredSteps(string name)
    {
        var path = Path.Combine(Sending.Peers.RepoRoot, "manifests", "templates", name);
        var compiled = new TemplateCompiler(new TemplateOptions { MaxSteps = 200 }).Compile(TemplateFileReader.Read(File.ReadAllText(path), path)).Template!;
        Assert.That(new TemplateRenderer().TryRender(compiled, Data("Анна")).Error, Is.Null);
    }
}
