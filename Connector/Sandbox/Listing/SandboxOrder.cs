using System.Text.Json.Nodes;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Listing;

/// <summary>One <c>order</c> entry (<c>{"ID":"ASC"}</c>); unknown fields are ignored.</summary>
public sealed record SandboxOrder<T>(SandboxField<T> Field, bool Descending)
{
    public static IReadOnlyList<SandboxOrder<T>> Parse(JsonNode? order, IReadOnlyDictionary<string, SandboxField<T>> fields)
    {
        var result = new List<SandboxOrder<T>>();
        if (order is not JsonObject obj)
        {
            return result;
        }

        foreach (var (key, value) in obj)
        {
            if (fields.TryGetValue(key, out var field))
            {
                var direction = SandboxParams.AsString(value) ?? "ASC";
                result.Add(new SandboxOrder<T>(field, string.Equals(direction, "DESC", StringComparison.OrdinalIgnoreCase)));
            }
        }

        return result;
    }
}
