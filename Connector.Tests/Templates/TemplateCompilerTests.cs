using Connector.Templates;

namespace Connector.Tests.Templates;

[CancelAfter(120_000)]
public sealed class TemplateCompilerTests
{
    private static TemplateFile Raw(string html, string subject = "Hi {{ contact.name }}") =>
        new() { Name = "t1", Subject = subject, Html = html };

    [Test]
    public void Compile_UnknownField_RejectedNamingTemplateLineAndVariable()
    {
        var result = new TemplateCompiler().Compile(Raw("<p>one</p>\n<p>{{ contact.nmae }}</p>\n<p>{{ deal.title }}</p>"));
        Assert.Multiple(() =>
        {
            Assert.That(result.Template, Is.Null);
            Assert.That(result.Errors, Is.EqualTo(new[] { new TemplateError("t1 (html)", 2, "contact.nmae", "unknown variable") }));
            Assert.That(result.Errors[0].ToString(), Is.EqualTo("t1 (html):2: unknown variable (contact.nmae)"));
        });
    }

    [TestCase("{{ contact.fields.UF_CRM_CITY }}", true)]
    [TestCase("{{ contact.fields.UF_CRM_OTHER }}", false)]
    [TestCase("{% for d in contact.deals %}{{ d.title }} {{ forloop.index }}{% endfor %}", true)]
    [TestCase("{% for d in contact.deals %}{{ d.owner }}{% endfor %}", false)]
    [TestCase("{% assign n = contact.name | upcase %}{{ n }}", true)]
    [TestCase("{{ deals.size }} {{ deals.first.amount }}", true)]
    [TestCase("{{ password }}", false)]
    public void Compile_Variables_CheckedAgainstSchemaAndDeclaredCustomFields(string liquid, bool accepted)
    {
        var file = Raw(liquid) with { CustomFields = ["UF_CRM_CITY"] };
        Assert.That(new TemplateCompiler().Compile(file).Errors, accepted ? Is.Empty : Is.Not.Empty);
    }

    [Test]
    public void Compile_LiquidSyntaxError_NamesPartAndLine()
    {
        var result = new TemplateCompiler().Compile(Raw("<p>ok</p>\n<p>{% if contact.name %}unclosed</p>"));
        Assert.Multiple(() =>
        {
            Assert.That(result.Template, Is.Null);
            Assert.That(result.Errors.Single().Template, Is.EqualTo("t1 (html)"));
            Assert.That(result.Errors.Single().Message, Is.Not.Empty);
            Assert.That(result.Errors.Single().Line, Is.EqualTo(2), result.Errors.Single().ToString());
        });
    }

    [TestCase("{{ deal.fields.UF_CRM_PROMO_CODE }}", true)]
    [TestCase("{% for d in deals %}{{ d.fields.UF_CRM_PROMO_CODE }}{% endfor %}", true)]
    [TestCase("{{ contact.deals.first.fields.UF_CRM_PROMO_CODE }}", true)]
    [TestCase("{{ contact.fields.UF_CRM_PROMO_CODE }}", false)]
    [TestCase("{{ deal.fields.UF_CRM_CITY }}", false)]
    [TestCase("{{ contact.fields.UF_CRM_LOCALE }}", true)]
    [TestCase("{{ deal.fields.UF_CRM_UNDECLARED }}", false)]
    public void Compile_DealAndContactCustomFields_EachOnlyWhereDeclared(string liquid, bool accepted)
    {
        var file = Raw(liquid) with { CustomFields = ["UF_CRM_CITY", "contact.UF_CRM_LOCALE", "deal.UF_CRM_PROMO_CODE"] };
        Assert.That(new TemplateCompiler().Compile(file).Errors, accepted ? Is.Empty : Is.Not.Empty);
    }

    [TestCase("city")]
    [TestCase("uf_crm_city")]
    [TestCase("company.UF_CRM_X")]
    [TestCase("UF_CRM_CITY }}{{ sender.address")]
    public void Compile_DeclaredFieldNotACrmCode_RejectedNamingIt(string declared)
    {
        var result = new TemplateCompiler().Compile(Raw("<p>x</p>") with { CustomFields = [declared] });
        Assert.Multiple(() =>
        {
            Assert.That(result.Template, Is.Null);
            Assert.That(result.Errors.Single().Variable, Is.EqualTo(declared));
            Assert.That(result.Errors.Single().Message, Does.Contain("UF_CRM_"));
        });
    }

    [Test]
    public void Compile_SameVersionTwice_CompiledOnce()
    {
        var compiler = new TemplateCompiler();
        var first = compiler.Compile(Raw("<p>{{ contact.name }}</p>")).Template;
        Assert.Multiple(() =>
        {
            Assert.That(compiler.Compile(Raw("<p>{{ contact.name }}</p>")).Template, Is.SameAs(first));
            Assert.That(compiler.Compilations, Is.EqualTo(1));
        });
    }

    [Test]
    public void Compile_SecondRenderOfAVersion_DoesNotRecompile()
    {
        var compiler = new TemplateCompiler();
        var renderer = new TemplateRenderer();
        var file = Raw("<p>{{ contact.name }}</p>");
        var data = TemplateData.Sample(new TemplateSender("Shop", "news@example.com", null, null, null), "https://t.example.com/u");

        var first = renderer.Render(compiler.Compile(file).Template!, data);
        var second = renderer.Render(compiler.Compile(file).Template!, data);
        var changed = compiler.Compile(file with { Html = "<p>{{ contact.last_name }}</p>" });
        var nextVersion = compiler.Compile(file with { Version = 2 });

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(changed.Template, Is.Not.Null);
            Assert.That(nextVersion.Template, Is.Not.Null);
            Assert.That(compiler.Compilations, Is.EqualTo(3), "one per (name, version, content): the second render reused the first compilation");
        });
    }

    [Test]
    public void Compile_ManyThreadsAtOnce_OneCompilationShared()
    {
        var compiler = new TemplateCompiler();
        var file = Raw("<p>{{ contact.name }}</p>");
        var results = new CompiledTemplate?[32];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = compiler.Compile(file).Template);

        Assert.Multiple(() =>
        {
            Assert.That(compiler.Compilations, Is.EqualTo(1));
            Assert.That(results.Distinct().Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public void Compile_NoLocale_UsesConfiguredDefaultLocale()
    {
        var compiler = new TemplateCompiler(new TemplateOptions { DefaultLocale = "en-US" });
        Assert.Multiple(() =>
        {
            Assert.That(compiler.Compile(Raw("<p>x</p>")).Template!.Culture.Name, Is.EqualTo("en-US"));
            Assert.That(compiler.Compile(Raw("<p>x</p>") with { Name = "t2", Locale = "ru-RU" }).Template!.Culture.Name, Is.EqualTo("ru-RU"));
            Assert.That(new TemplateCompiler().Compile(Raw("<p>x</p>")).Template!.Culture.Name, Is.EqualTo("ru-RU"));
        });
    }

    [TestCase("november-sale.json")]
    [TestCase("deal-followup.json")]
    [TestCase("delivery-reminder.yaml")]
    [TestCase("proposal.yaml")]
    [TestCase("proposal-reminder.yaml")]
    [TestCase("welcome.yaml")]
    [TestCase("welcome-tips.yaml")]
    [TestCase("we-miss-you.yaml")]
    public void Compile_ShippedExample_Compiles(string name)
    {
        var path = Path.Combine(Sending.Peers.RepoRoot, "manifests", "templates", name);
        var result = new TemplateCompiler().Compile(TemplateFileReader.Read(File.ReadAllText(path), path));
        Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
    }

    [Test]
    public void ShippedExamples_EveryFileIsCoveredAbove()
    {
        var shipped = Directory.GetFiles(Path.Combine(Sending.Peers.RepoRoot, "manifests", "templates")).Select(Path.GetFileName);
        Assert.That(shipped, Is.EquivalentTo(new[]
        {
            "november-sale.json", "deal-followup.json", "delivery-reminder.yaml", "proposal.yaml", "proposal-reminder.yaml", "welcome.yaml", "welcome-tips.yaml",
            "we-miss-you.yaml",
        }));
    }

    [TestCase("<p>x</p>\n{% include 'footer' %}", "include", 2)]
    [TestCase("<p>x</p>\n\n{% render 'footer', contact: contact %}", "render", 3)]
    [TestCase("{%- include \"/etc/passwd\" -%}", "include", 1)]
    [TestCase("{% if contact.name %}\n{% include 'https://evil.example/x' %}{% endif %}", "include", 2)]
    [TestCase("<p>x</p>\n{% liquid include 'footer' %}", "include", 2)]
    [TestCase("{% liquid\n  include 'footer'\n%}", "include", 2)]
    [TestCase("<p>x</p>\n{%- liquid render 'footer' -%}", "render", 2)]
    [TestCase("<p>x</p>\n{%\n liquid\n  include 'footer' %}", "include", 4)]
    public void Compile_IncludeOrRender_RefusedNamingTemplateAndLine(string html, string tag, int line)
    {
        var result = new TemplateCompiler().Compile(Raw(html));
        Assert.Multiple(() =>
        {
            Assert.That(result.Template, Is.Null);
            Assert.That(result.Errors, Is.EqualTo(new[] { new TemplateError("t1 (html)", line, null, $"{{% {tag} %}} is not allowed: a letter cannot read other templates, files or the network") }));
        });
    }

    [Test]
    public void Compile_IncludeInRawOrComment_IsText()
    {
        var result = new TemplateCompiler().Compile(Raw("{% raw %}{% include 'x' %}{% endraw %}{% comment %}{% render 'y' %}{% endcomment %}"));
        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Compile_IncludeInTheSubject_RefusedToo()
    {
        var result = new TemplateCompiler().Compile(Raw("<p>x</p>", subject: "Hi {% render 'name' %}"));
        Assert.That(result.Errors.Select(e => e.ToString()), Is.EqualTo(new[] { "t1 (subject):1: {% render %} is not allowed: a letter cannot read other templates, files or the network" }));
    }
}
