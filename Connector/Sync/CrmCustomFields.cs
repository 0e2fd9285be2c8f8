using System.Collections.Frozen;

namespace Connector.Sync;

/// <summary>
/// Custom (user) fields of a CRM record as the mirror keeps them: code → values. A single-valued field holds one value,
/// a multiple one several, an empty one none. Values are text exactly as the CRM sent them (numbers and dates too).
/// </summary>
public static class CrmCustomFields
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> None { get; } =
        FrozenDictionary<string, IReadOnlyList<string>>.Empty;
}
