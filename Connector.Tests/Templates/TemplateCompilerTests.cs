using Connector.Templates;

namespace Connector.Tests.Templates;

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

    [Test]
    public void Compile_SameVersionTwice_CompiledOnce()
    {
        var compiler = new TemplateCompiler();
        var first = compiler.Compile(Raw("<p>{{ contact.name }}</p>")).Template;
        Assert.That(compiler.Compile(Raw("<p>{{ contact.name }}</p>")).Template, Is.SameAs(first));
    }

    [TestCase("november-sale.json")]
    [TestCase("deal-followup.json")]
    public void Compile_ShippedExample_Compiles(string name)
    {
        var path = Path.Combine(Sending.Peers.RepoRoot, "manifests", "templates", name);
        var result = new TemplateCompiler().Compile(TemplateFile.Parse(File.ReadAllText(path), name));
        Assert.That(result.Errors, Is.Empty);
    }
}
