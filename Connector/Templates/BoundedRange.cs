using System.Globalization;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Connector.Templates;

/// <summary>
/// A Liquid range <c>(a..b)</c> that refuses to hold more items than the render has steps left for. Fluid builds a
/// range as an array before a loop over it takes its first step, so <c>(1..200000000)</c> would allocate gigabytes
/// before <see cref="TemplateOptions.MaxSteps"/> could stop it. <see cref="BoundedRanges"/> puts these in place of
/// Fluid's ranges when a template is compiled.
/// </summary>
internal sealed class BoundedRange(Expression from, Expression to) : Expression
{
    public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var start = Convert.ToInt32((await from.EvaluateAsync(context)).ToNumberValue(), CultureInfo.InvariantCulture);
        var end = Convert.ToInt32((await to.EvaluateAsync(context)).ToNumberValue(), CultureInfo.InvariantCulture);
        var length = Math.Max(0L, (long)end - start + 1);
        if (context.MaxSteps > 0 && length > context.MaxSteps)
        {
            throw new TemplateLimitException($"range ({start}..{end}) has {length:N0} items, more than {context.MaxSteps:N0} steps (Templates:MaxSteps)");
        }

        var items = new FluidValue[length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = NumberValue.Create(start + i);
        }

        return new ArrayValue(items);
    }
}
