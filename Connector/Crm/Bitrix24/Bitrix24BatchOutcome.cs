using System.Text.Json;

namespace Connector.Crm.Bitrix24;

/// <summary>
/// A parsed batch answer. Bitrix24 writes empty maps as <c>[]</c>; all four maps here are always dictionaries.
/// A command missing from both <see cref="Results"/> and <see cref="Errors"/> was not executed (halt).
/// </summary>
public sealed record Bitrix24BatchOutcome
{
    public required IReadOnlyDictionary<string, JsonElement> Results { get; init; }

    public required IReadOnlyDictionary<string, Bitrix24Error> Errors { get; init; }

    public required IReadOnlyDictionary<string, int> Totals { get; init; }

    public required IReadOnlyDictionary<string, int> Next { get; init; }

    public required IReadOnlyDictionary<string, Bitrix24Time> Times { get; init; }
}
