using System.Text.Json;
using Connector.Templates;

namespace Connector.Tests.Templates;

[CancelAfter(120_000)]
public sealed class TemplateFileReaderTests
{
    private const string Yaml = """
        # comment
        name: promo
        version: 3
        locale: en-US
        custom_fields: [UF_CRM_CITY, deal.UF_CRM_PROMO_CODE]
        subject: "Hi {{ contact.name }}"
        html: |
          <p>{{ contact.fields.UF_CRM_CITY }}</p>
        """;

    [Test]
    public void Read_YamlAndEquivalentJson_SameTemplate()
    {
        const string json = """
            { "name": "promo", "version": 3, "locale": "en-US", "custom_fields": ["UF_CRM_CITY", "deal.UF_CRM_PROMO_CODE"],
              "subject": "Hi {{ contact.name }}", "html": "<p>{{ contact.fields.UF_CRM_CITY }}</p>" }
            """;
        var fromYaml = TemplateFileReader.Read(Yaml, "t/promo.yaml");
        var fromJson = TemplateFileReader.Read(json, "t/promo.json");
        Assert.Multiple(() =>
        {
            Assert.That(JsonSerializer.Serialize(fromYaml, TemplateFile.Json), Is.EqualTo(JsonSerializer.Serialize(fromJson, TemplateFile.Json)));
            Assert.That(fromYaml.CustomFields, Is.EqualTo(new[] { "UF_CRM_CITY", "deal.UF_CRM_PROMO_CODE" }));
            Assert.That((fromYaml.Version, fromYaml.Locale), Is.EqualTo((3, "en-US")));
        });
    }

    [TestCase("promo.yml")]
    [TestCase("PROMO.YAML")]
    public void Read_YamlExtensions_ReadAsYamlAndNamedAfterFileWhenUnnamed(string path)
    {
        var file = TemplateFileReader.Read("subject: Hi\nhtml: <p>x</p>\n", path);
        Assert.That((file.Name, file.Subject, file.Html), Is.EqualTo((Path.GetFileNameWithoutExtension(path), "Hi", "<p>x</p>")));
    }

    [TestCase("subject: Hi\nhtml: <p>x</p>\nblocks:\n  - type: text\n    colour: red\n", 5, "colour")]
    [TestCase("subject: Hi\nhtml: <p>x</p>\nversion: two\n", 3, "")]
    [TestCase("subject: Hi\nhtml: <p>x</p>\nsubjekt: typo\n", 3, "subjekt")]
    [TestCase("subject: Hi\nhtml: <p>x</p>\nblocks:\n  - type: text\n   text: misaligned\n", 5, "")]
    [TestCase("subject: Hi\nhtml: <p>x</p>\npreheader: \"unclosed\n", 3, "")]
    [TestCase("subject: Hi\nsubject: again\nhtml: <p>x</p>\n", 2, "Duplicate key")]
    [TestCase("subject: {{ contact.name }}\nhtml: <p>x</p>\n", 1, "")]
    [TestCase("html: <p>x</p>\n", 1, "subject")]
    public void Read_BadYaml_FormatExceptionNamingFileAndLine(string yaml, int line, string mentions)
    {
        var ex = Assert.Throws<FormatException>(() => TemplateFileReader.Read(yaml, "templates/promo.yaml"));
        TestContext.Out.WriteLine(ex!.Message);
        Assert.That(ex.Message, Does.StartWith($"templates/promo.yaml:{line}: ").And.Contain(mentions));
    }

    [Test]
    public void Read_BadJson_FormatExceptionNamingFileAndLine()
    {
        var ex = Assert.Throws<FormatException>(() => TemplateFileReader.Read("{\n  \"subject\": \"Hi\",\n  \"colour\": 1\n}", "promo.json"));
        Assert.That(ex!.Message, Does.StartWith("promo.json:3: ").And.Contain("colour"));
    }
}
