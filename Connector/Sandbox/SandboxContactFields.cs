namespace Connector.Sandbox;

/// <summary>Fields for AddContact/UpdateContact; null means "leave as is" (or default on add).</summary>
public sealed record SandboxContactFields
{
    public string? Name { get; init; }
    public string? SecondName { get; init; }
    public string? LastName { get; init; }
    public long? AssignedById { get; init; }
    public bool? Export { get; init; }

    /// <summary>On add: the e-mails. On update: Id 0 adds, a known Id replaces, a known Id with an empty Value deletes.</summary>
    public IReadOnlyList<SandboxEmail>? Emails { get; init; }

    /// <summary>User fields to set (UF_CRM_… → wire value); null leaves them as they are.</summary>
    public IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?>? UserFields { get; init; }
}
