using System.Text.Json.Nodes;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// A parsed <c>select</c>: empty or <c>*</c> means all standard fields; <c>UF_*</c> (or an empty select) adds every
/// user field, a named <c>UF_CRM_…</c> just that one. Multi-fields such as EMAIL are never covered by a mask
/// (api-reference/crm/contacts/crm-contact-list.md).
/// </summary>
public sealed record SandboxSelect(bool All, IReadOnlySet<string> Names)
{
    public static SandboxSelect Parse(JsonNode? select)
    {
        var names = new HashSet<string>(SandboxParams.AsStrings(select), StringComparer.OrdinalIgnoreCase);
        var all = names.Count == 0 || names.Contains("*") || names.All(n => n.StartsWith("UF_", StringComparison.OrdinalIgnoreCase));
        return new SandboxSelect(all, names);
    }

    public bool Includes(string field) => All || Names.Contains(field);

    public bool Explicitly(string field) => Names.Contains(field);

    /// <summary>Whether a legacy list row carries this user field.</summary>
    public bool IncludesUserField(string field) => Names.Count == 0 || Names.Contains("UF_*") || Names.Contains(field);
}
