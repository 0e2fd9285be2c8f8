using Connector.Templates;
using Microsoft.Extensions.Configuration;

namespace Connector.Tests.Templates;

[CancelAfter(120_000)]
public sealed class TemplateOptionsTests
{
    private static TemplateOptions From(params (string Key, string Value)[] values) =>
        TemplateOptions.From(new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build());

    [Test]
    public void From_NoLimitKeys_Defaults()
    {
        var options = From();
        Assert.That((options.MaxSteps, options.MaxRecursion, options.MaxOutputChars), Is.EqualTo((100_000, 100, 1_000_000)));
    }

    [Test]
    public void From_LimitKeys_Read()
    {
        var options = From(("Templates:MaxSteps", "5000"), ("Templates:MaxRecursion", "20"), ("Templates:MaxOutputChars", "300000"));
        Assert.That((options.MaxSteps, options.MaxRecursion, options.MaxOutputChars), Is.EqualTo((5000, 20, 300_000)));
    }

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("lots")]
    public void From_LimitNotPositive_DefaultKept(string value) =>
        Assert.That(From(("Templates:MaxSteps", value)).MaxSteps, Is.EqualTo(100_000));

    [Test]
    public void Problem_LimitNotPositive_NamesTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Templates:MaxSteps"] = "5000", ["Templates:MaxOutputChars"] = "0" }).Build();
        Assert.Multiple(() =>
        {
            Assert.That(TemplateOptions.Problem(configuration), Is.EqualTo("Templates:MaxOutputChars: '0' is not a positive whole number (a limit cannot be turned off)"));
            Assert.That(TemplateOptions.Problem(new ConfigurationBuilder().Build()), Is.Null);
        });
    }
}
