namespace Connector.Sandbox;

public sealed record SandboxContact(
    long Id,
    string Name,
    string SecondName,
    string LastName,
    long AssignedById,
    bool Export,
    IReadOnlyList<SandboxEmail> Emails,
    DateTimeOffset DateCreate,
    DateTimeOffset DateModify)
{
    /// <summary>User fields (UF_CRM_…) by code, each value exactly as the wire carries it (see <see cref="SandboxUserFields"/>).</summary>
    public IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> UserFields { get; init; } = SandboxUserFields.None;
}
