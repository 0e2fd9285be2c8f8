using System.Globalization;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.FileProviders;

namespace Connector.Templates;

/// <summary>
/// Fluid as letters use it: one parser for all templates (Fluid's parser is thread-safe), and per compiler one set of
/// Fluid options made from ours: the step and nesting limits, an ordinal model-name comparer (as the schema check is),
/// no file provider, a member access strategy with nothing registered (only our maps and lists are reachable, no .NET
/// member of anything), our filters, DotLiquid's behaviour where Fluid's built-ins differ
/// (<see cref="CompatibleFilters"/>), and assigned or captured strings held to the output limit.
/// </summary>
internal static class LiquidEngine
{
    public static FluidParser Parser { get; } = new(new FluidParserOptions { AllowFunctions = false });

    public static Fluid.TemplateOptions Options(TemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var maxChars = options.MaxOutputChars;
        var fluid = new Fluid.TemplateOptions
        {
            MaxSteps = options.MaxSteps,
            MaxRecursion = options.MaxRecursion,
            ModelNamesComparer = StringComparer.Ordinal,
            FileProvider = new NullFileProvider(),
            MemberAccessStrategy = new DefaultMemberAccessStrategy(),
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
            Assigned = (name, value, _) => Held(name, value, maxChars),
            Captured = (name, value, _) => Held(name, value, maxChars),
        };
        CompatibleFilters.Register(fluid.Filters);
        LiquidFilters.Register(fluid.Filters);
        return fluid;
    }

    // A string doubled by an assign in a loop reaches gigabytes in thirty steps: cap what a variable may hold.
    private static ValueTask<FluidValue> Held(string name, FluidValue value, int maxChars) =>
        value is StringValue && value.ToStringValue().Length > maxChars
            ? throw new TemplateLimitException($"'{name}' would hold more than {maxChars:N0} characters (Templates:MaxOutputChars)")
            : new ValueTask<FluidValue>(value);
}
