using Connector.Sending.Composing;

namespace Connector.Api;

/// <summary>
/// The body of <c>POST /api/v1/messages</c>, checked: a stored template (name, optional version), a contact id or an
/// address (or both: the address wins, the contact's data renders), an optional deal, flat variables, and the kind
/// (<c>transactional</c>, the default, or <c>marketing</c>, which is sent as bulk mail under the frequency cap).
/// </summary>
public sealed record ApiMessageRequest(
    string Template, int? TemplateVersion, long? ContactId, string? Address, long? DealId, IReadOnlyDictionary<string, string?> Variables, MailKind Kind)
{
    /// <summary>A fingerprint of what is asked for (the same request in another key order or spacing has the same one).</summary>
    public string Fingerprint()
    {
        var canonical = System.Text.Json.JsonSerializer.Serialize(new object?[]
        {
            Template, TemplateVersion, ContactId, Address, DealId, Kind.ToString(),
            Variables.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new[] { v.Key, v.Value }).ToArray(),
        });
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));
    }
}
