using System.Globalization;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Listing;

/// <summary>
/// A filterable/sortable field of a listed record: how to read it (one value or many, e.g. EMAIL)
/// and how to parse a filter value into the same comparable type. Text compares case-insensitively.
/// </summary>
public sealed record SandboxField<T>(
    string Name,
    Func<T, IComparable?> Get,
    Func<T, IEnumerable<IComparable>>? GetMany,
    Func<string, IComparable?> Parse)
{
    public static SandboxField<T> Number(string name, Func<T, long> get) =>
        new(name, r => get(r), null, s => ParseInteger(s));

    public static SandboxField<T> Date(string name, Func<T, DateTimeOffset> get) =>
        new(name, r => get(r), null, s => SandboxDates.TryParse(s, out var d) ? d : null);

    public static SandboxField<T> Text(string name, Func<T, string?> get) =>
        new(name, r => get(r)?.ToUpperInvariant(), null, s => s.ToUpperInvariant());

    public static SandboxField<T> Texts(string name, Func<T, IEnumerable<string>> get) =>
        new(name, _ => null, r => get(r).Select(v => (IComparable)v.ToUpperInvariant()), s => s.ToUpperInvariant());

    public static SandboxField<T> Numbers(string name, Func<T, IEnumerable<long>> get) =>
        new(name, _ => null, r => get(r).Select(v => (IComparable)v), s => ParseInteger(s));

    private static long? ParseInteger(string text) =>
        decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? (long)decimal.Truncate(d) : null;
}
