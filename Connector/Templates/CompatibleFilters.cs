using System.Runtime.CompilerServices;
using Fluid;
using Fluid.Values;

namespace Connector.Templates;

/// <summary>
/// Fluid's built-in filters where DotLiquid (which templates were written for) behaved otherwise, made to behave as
/// before (Connector.Tests/Templates/Differential records what DotLiquid rendered):
/// <list type="bullet">
/// <item><c>divided_by</c> floors only when both sides are whole numbers written as such: an amount from the CRM is a
/// decimal, so <c>{{ 990 | divided_by: 4 }}</c> is 247 but <c>{{ deal.amount | divided_by: 4 }}</c> is 247.5 for an
/// amount of 990 (Fluid floors whenever the divisor is whole, which would cut money).</item>
/// <item><c>plus</c>, <c>minus</c>, <c>times</c>, <c>divided_by</c>, <c>modulo</c> on nil give nil (a contact
/// without a deal prints nothing, not "1"), so <c>| default</c> applies; their results print without trailing zeros
/// (<c>{{ 990 | times: 1.0 }}</c> is 990, not 990.0).</item>
/// <item><c>size</c> of nil is 0; <c>reverse</c> reverses lists only and leaves a string as it is (Fluid reverses its
/// characters, which would also turn an HTML-encoded <c>&amp;lt;</c> into broken markup).</item>
/// </list>
/// </summary>
internal static class CompatibleFilters
{
    // Numbers that came from a .NET decimal (CRM amounts): DotLiquid divided them as decimals whatever the divisor.
    private static readonly ConditionalWeakTable<NumberValue, object> Decimals = [];

    public static NumberValue Decimal(decimal value)
    {
        var number = NumberValue.Create(value);
        Decimals.AddOrUpdate(number, Decimals);
        return number;
    }

    public static void Register(FilterCollection filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        foreach (var name in new[] { "plus", "minus", "times", "modulo" })
        {
            if (filters.TryGetValue(name, out var arithmetic))
            {
                filters.AddFilter(name, async (input, arguments, context) => input.IsNil() ? NilValue.Instance : Result(input, await arithmetic(input, arguments, context)));
            }
        }

        filters.AddFilter("divided_by", DividedBy);
        if (filters.TryGetValue("size", out var size))
        {
            filters.AddFilter("size", (input, arguments, context) => input.IsNil() ? NumberValue.Zero : size(input, arguments, context));
        }

        if (filters.TryGetValue("reverse", out var reverse))
        {
            filters.AddFilter("reverse", (input, arguments, context) => input.Type == FluidValues.Array ? reverse(input, arguments, context) : input);
        }
    }

    private static ValueTask<FluidValue> DividedBy(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (input.IsNil())
        {
            return NilValue.Instance;
        }

        var divisor = arguments.At(0).ToNumberValue();
        var dividend = input.ToNumberValue();
        var whole = divisor.Scale == 0 && dividend.Scale == 0 && !(input is NumberValue number && Decimals.TryGetValue(number, out _));
        var result = dividend / divisor;
        return Result(input, NumberValue.Create(whole ? decimal.Floor(result) : result));
    }

    // DotLiquid printed arithmetic without trailing zeros (12500.50 - 100 gave 12400.5, Fluid's decimals 12400.50), and a
    // sum on a CRM amount stayed an amount.
    private static FluidValue Result(FluidValue input, FluidValue result)
    {
        if (result is not NumberValue number)
        {
            return result;
        }

        var value = number.ToNumberValue() / 1.000000000000000000000000000000000m;
        return input is NumberValue source && Decimals.TryGetValue(source, out _) ? Decimal(value) : NumberValue.Create(value);
    }
}
