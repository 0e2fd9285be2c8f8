using System.Text.Json;
using Connector.Sync;

namespace Connector.Crm.Bitrix24.Reading;

/// <summary>What a chained list reads: method, fixed parameters, the ID field and how rows sit in the result.</summary>
public sealed record ListChainSpec
{
    public required CrmRecordKind Kind { get; init; }

    public required string Method { get; init; }

    public required string IdField { get; init; }

    /// <summary>True for crm.item.list and crm.stagehistory.list, whose rows sit under <c>result.items</c>.</summary>
    public required bool ItemsWrapped { get; init; }

    public required Action<BatchQuery> AddFixed { get; init; }

    public bool CountFirst { get; init; }

    public bool IdsOnly { get; init; }

    public string CursorFilterKey => $"filter[>{IdField}]";

    public string Reference(string previousKey) => ItemsWrapped
        ? $"$result[{previousKey}][items][{ListChain.PageSize - 1}][{IdField}]"
        : $"$result[{previousKey}][{ListChain.PageSize - 1}][{IdField}]";

    public IReadOnlyList<JsonElement> Rows(JsonElement result)
    {
        var list = ItemsWrapped && result.ValueKind == JsonValueKind.Object && result.TryGetProperty("items", out var items) ? items : result;
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{Method}: result should be a list of rows but is {list.ValueKind.ToString().ToLowerInvariant()}");
        }

        return list.EnumerateArray().ToList();
    }
}
