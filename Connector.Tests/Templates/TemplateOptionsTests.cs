using Connector.Cli;
using Connector.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connector.Tests.Templates;

/// <summary><c>Templates:*</c> as the composition binds and validates it (<see cref="TemplatesServiceCollectionExtensions.AddTemplates"/>).</summary>
[CancelAfter(120_000)]
public sealed class TemplateOptionsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build();

    private static TemplateOptions Bound(params (string Key, string Value)[] values)
    {
        using var services = new ServiceCollection().AddTemplates(Configuration(values)).BuildServiceProvider();
        return services.GetRequiredService<IOptions<TemplateOptions>>().Value;
    }

    [Test]
    public void Bound_NoLimitKeys_Defaults()
    {
        var options = Bound();
        Assert.That((options.MaxSteps, options.MaxRecursion, options.MaxOutputChars), Is.EqualTo((100_000, 100, 1_000_000)));
    }

    [Test]
    public void Bound_LimitKeys_Read()
    {
        var options = Bound(("Templates:MaxSteps", "5000"), ("Templates:MaxRecursion", "20"), ("Templates:MaxOutputChars", "300000"));
        Assert.That((options.MaxSteps, options.MaxRecursion, options.MaxOutputChars), Is.EqualTo((5000, 20, 300_000)));
    }

    [TestCase("Templates:MaxSteps", "0")]
    [TestCase("Templates:MaxRecursion", "-1")]
    [TestCase("Templates:MaxOutputChars", "0")]
    public void Bound_LimitNotPositive_FailsNamingTheKey(string key, string value) =>
        Assert.That(() => Bound((key, value)), Throws.TypeOf<OptionsValidationException>()
            .With.Message.EqualTo($"{key}: must be a positive whole number (a limit cannot be turned off)"));

    [TestCase("Templates:MaxOutputChars", "0", "Templates:MaxOutputChars: must be a positive whole number (a limit cannot be turned off)")]
    [TestCase("Templates:MaxSteps", "lots", "Templates:MaxSteps: 'lots' is not a whole number")]
    public void FirstProblem_LimitNotPositive_NamesTheKey(string key, string value, string expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(ConfigValidation.FirstProblem(Configuration(("Templates:MaxRecursion", "20"), (key, value))), Is.EqualTo(expected));
            Assert.That(ConfigValidation.FirstProblem(Configuration(("Templates:MaxRecursion", "20"))), Is.Null);
        });
    }
}
