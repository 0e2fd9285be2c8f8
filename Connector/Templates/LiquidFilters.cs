using System.Globalization;
using Fluid;
using Fluid.Values;

namespace Connector.Templates;

/// <summary>
/// Locale-aware filters: <c>money</c> (<c>{{ deal.amount | money: deal.currency }}</c> → "12 500,50 ₽" in ru-RU) and
/// <c>local_date</c> (<c>{{ x | local_date }}</c> → "22 ноября 2026"; an optional .NET format argument). What cannot
/// be read as an amount or a date gives nil, so <c>| default: "—"</c> applies. <c>money</c> without a currency is an
/// error, as it was under DotLiquid; our <c>money</c> replaces Fluid's own.
/// </summary>
public static class LiquidFilters
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RUB"] = "₽", ["USD"] = "$", ["EUR"] = "€", ["KZT"] = "₸", ["BYN"] = "Br", ["UAH"] = "₴", ["GBP"] = "£",
    };

    public static void Register(FilterCollection filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        filters.AddFilter("money", Money);
        filters.AddFilter("local_date", LocalDate);
    }

    public static ValueTask<FluidValue> Money(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        if (arguments.Count == 0)
        {
            throw new ArgumentException("money needs a currency: {{ deal.amount | money: deal.currency }}", nameof(arguments));
        }

        if (Amount(input) is not { } amount)
        {
            return NilValue.Instance;
        }

        var currency = arguments.At(0) is { } argument && !argument.IsNil() ? argument.ToStringValue() : null;
        var format = (NumberFormatInfo)context.CultureInfo.NumberFormat.Clone();
        format.CurrencySymbol = currency is null ? format.CurrencySymbol : Symbols.GetValueOrDefault(currency, currency);
        format.CurrencyDecimalDigits = decimal.Truncate(amount) == amount ? 0 : 2;
        return StringValue.Create(amount.ToString("C", format));
    }

    public static ValueTask<FluidValue> LocalDate(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        DateTimeOffset value;
        switch (input)
        {
            case DateTimeValue date:
                value = date.ToObjectValue() switch
                {
                    DateTimeOffset offset => offset,
                    DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
                    _ => default,
                };
                break;
            case StringValue when DateTimeOffset.TryParse(input.ToStringValue(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed):
                value = parsed;
                break;
            default:
                return NilValue.Instance;
        }

        var format = arguments.At(0) is { } argument && !argument.IsNil() ? argument.ToStringValue() : null;
        return StringValue.Create(value.ToString(string.IsNullOrEmpty(format) ? "d MMMM yyyy" : format, context.CultureInfo));
    }

    // As DotLiquid read it: the invariant text of a number, or a string holding one.
    private static decimal? Amount(FluidValue input) => input switch
    {
        NumberValue number => number.ToNumberValue(),
        StringValue text when decimal.TryParse(text.ToStringValue(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
