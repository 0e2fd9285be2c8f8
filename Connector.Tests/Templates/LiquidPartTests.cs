using System.Collections.Concurrent;
using System.Globalization;
using Connector.Templates;
using Fluid;

namespace Connector.Tests.Templates;

/// <summary>One parsed part rendered by many threads, each render with its own context.</summary>
[CancelAfter(120_000)]
public sealed class LiquidPartTests
{
    private static readonly Fluid.TemplateOptions Options = LiquidEngine.Options(Connector.Templates.TemplateOptions.Default);

    private static LiquidPart Part(string source) =>
        new("t (html)", BoundedRanges.Apply(LiquidEngine.Parser.Parse(source)), Options, Connector.Templates.TemplateOptions.Default.MaxOutputChars, 64);

    private static Fluid.Values.FluidValue Values(string name, decimal amount) => LiquidValues.Map(
        new Dictionary<string, object?>
        {
            ["contact"] = new Dictionary<string, object?> { ["name"] = name },
            ["amount"] = amount,
        },
        encode: false,
        Options);

    [Test]
    public void Render_AssignInOneRender_NotSeenByTheNext()
    {
        var part = Part("{% if flag %}set{% endif %}{% assign flag = true %}|{{ contact.name }}");
        Assert.Multiple(() =>
        {
            Assert.That(part.Render(Values("A", 1), CultureInfo.InvariantCulture).Output, Is.EqualTo("|A"));
            Assert.That(part.Render(Values("B", 1), CultureInfo.InvariantCulture).Output, Is.EqualTo("|B"));
        });
    }

    [Test]
    public void Render_CultureOfEachRender_UsedEvenWhenTheThreadRenderedAnotherBefore()
    {
        var part = Part("{{ amount | money: \"RUB\" }}");
        var ru = part.Render(Values("A", 1234.5m), CultureInfo.GetCultureInfo("ru-RU")).Output!;
        var en = part.Render(Values("A", 1234.5m), CultureInfo.GetCultureInfo("en-US")).Output;
        Assert.That((ru.Replace('\u00a0', ' '), en), Is.EqualTo(("1 234,50 ₽", "₽1,234.50")));
    }

    [Test]
    public void Render_ManyThreadsAtOnce_EachGetsItsOwnValuesAndCulture()
    {
        var part = Part("{% for i in (1..3) %}{{ contact.name }}{% endfor %}:{{ amount | money: \"USD\" }}");
        var wrong = new ConcurrentBag<string>();
        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var culture = CultureInfo.GetCultureInfo(i % 2 == 0 ? "en-US" : "de-DE");
            var name = $"n{i}";
            var expected = $"{name}{name}{name}:{(i + 0.5m).ToString("C", new NumberFormatInfo { CurrencySymbol = "$", CurrencyDecimalDigits = 2, CurrencyDecimalSeparator = culture.NumberFormat.CurrencyDecimalSeparator, CurrencyGroupSeparator = culture.NumberFormat.CurrencyGroupSeparator, CurrencyGroupSizes = culture.NumberFormat.CurrencyGroupSizes, CurrencyPositivePattern = culture.NumberFormat.CurrencyPositivePattern, CurrencyNegativePattern = culture.NumberFormat.CurrencyNegativePattern })}";
            var actual = part.Render(Values(name, i + 0.5m), culture).Output;
            if (actual != expected)
            {
                wrong.Add($"{expected} != {actual}");
            }
        });
        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Render_FilterFails_ErrorValueAndTheNextRenderIsClean()
    {
        var failing = Part("{{ 1 | money }}");
        var fine = Part("{{ contact.name }}");
        Assert.Multiple(() =>
        {
            Assert.That(failing.Render(Values("A", 1), CultureInfo.InvariantCulture), Is.EqualTo(((string?)null, "rendering failed: money needs a currency: {{ deal.amount | money: deal.currency }} (Parameter 'arguments')")));
            Assert.That(fine.Render(Values("B", 1), CultureInfo.InvariantCulture).Output, Is.EqualTo("B"));
        });
    }

    [Test]
    public void Render_DotNetObjectInTheValues_NoMemberReachable()
    {
        var part = Part("[{{ x.Name }}|{{ x.Address }}|{{ x.GetType }}|{{ x.Length }}|{{ s.Length }}]");
        var values = LiquidValues.Map(
            new Dictionary<string, object?> { ["x"] = new TemplateSender("Shop", "news@example.com", null, null, null), ["s"] = "abc" },
            encode: false,
            Options);
        Assert.That(part.Render(values, CultureInfo.InvariantCulture).Output, Is.EqualTo("[||||]"));
    }
}
