using System.Collections;
using System.Net;
using Fluid;
using Fluid.Values;

namespace Connector.Templates;

/// <summary>
/// A letter's values (<see cref="TemplateData"/>: maps, lists, strings, numbers, booleans) as Fluid values, made once per
/// letter and part kind: HTML gets every string HTML-encoded, the other parts the raw strings. Maps and lists become
/// Fluid dictionaries and arrays; any other .NET object goes through Fluid's member access strategy, which registers
/// none, so no .NET member of it can be reached from a template.
/// </summary>
internal static class LiquidValues
{
    public static FluidValue From(object? value, bool encode, Fluid.TemplateOptions options) => value switch
    {
        null => NilValue.Instance,
        FluidValue fluid => fluid,
        string text => StringValue.Create(encode ? WebUtility.HtmlEncode(text) : text),
        bool flag => BooleanValue.Create(flag),
        decimal number => CompatibleFilters.Decimal(number),
        int number => NumberValue.Create(number),
        long number => NumberValue.Create(number),
        double number => NumberValue.Create((decimal)number),
        DateTimeOffset date => new DateTimeValue(date),
        DateTime date => new DateTimeValue(date),
        IReadOnlyDictionary<string, object?> map => Map(map, encode, options),
        IEnumerable list => new ArrayValue(list.Cast<object?>().Select(v => From(v, encode, options)).ToArray()),
        _ => FluidValue.Create(value, options),
    };

    public static FluidValue Map(IReadOnlyDictionary<string, object?> map, bool encode, Fluid.TemplateOptions options)
    {
        var values = new Dictionary<string, FluidValue>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            values[key] = From(value, encode, options);
        }

        return new DictionaryValue(new Indexable(values));
    }

    /// <summary>A map with a value added or replaced (the rendered subject), without copying the letter's values again.</summary>
    public static FluidValue With(FluidValue map, string key, FluidValue value) =>
        map is DictionaryValue { } dictionary && dictionary.ToObjectValue() is Indexable indexable
            ? new DictionaryValue(indexable.With(key, value))
            : throw new ArgumentException("not a map of ours", nameof(map));

    private sealed class Indexable(Dictionary<string, FluidValue> values) : IFluidIndexable
    {
        public int Count => values.Count;

        public IEnumerable<string> Keys => values.Keys;

        public bool TryGetValue(string name, out FluidValue value) => values.TryGetValue(name, out value!);

        public Indexable With(string key, FluidValue value) => new(new Dictionary<string, FluidValue>(values, StringComparer.Ordinal) { [key] = value });
    }
}
