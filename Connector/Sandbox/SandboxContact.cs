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
    DateTimeOffset DateModify);
