using System.Globalization;
using DotLiquid;

namespace Connector.Templates;

/// <summary>
/// Locale-aware filters: <c>money</c> (<c>{{ deal.amount | money: deal.currency }}</c> → "12 500,50 ₽" in ru-RU) and
/// <c>local_date</c> (<c>{{ x | local_date }}</c> → "22 ноября 2026"; an optional .NET format argument).
/// DotLiquid finds them by name (Ruby naming: Money → money, LocalDate → local_date).
/// </summary>
public static class LiquidFilters
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RUB"] = "₽", ["USD"] = "$", ["EUR"] = "€", ["KZT"] = "₸", ["BYN"] = "Br", ["UAH"] = "₴", ["GBP"] = "£",
    };

    public static string? Money(Context context, object? input, string? currency)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (input is null || !decimal.TryParse(Convert.ToString(input, CultureInfo.InvariantCulture), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        var format = (NumberFormatInfo)Culture(context).NumberFormat.Clone();
        format.CurrencySymbol = currency is null ? format.CurrencySymbol : Symbols.GetValueOrDefault(currency, currency);
        format.CurrencyDecimalDigits = decimal.Truncate(amount) == amount ? 0 : 2;
        return amount.ToString("C", format);
    }

    public static string? LocalDate(Context context, object? input, string? format = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        DateTimeOffset value;
        switch (input)
        {
            case DateTimeOffset offset:
                value = offset;
                break;
            case DateTime dateTime:
                value = new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc));
                break;
            case string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed):
                value = parsed;
                break;
            default:
                return null;
        }

        return value.ToString(string.IsNullOrEmpty(format) ? "d MMMM yyyy" : format, Culture(context));
    }

    private static CultureInfo Culture(Context context) => context.FormatProvider as CultureInfo ?? CultureInfo.InvariantCulture;
}
