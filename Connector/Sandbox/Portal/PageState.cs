namespace Connector.Sandbox.Portal;

/// <summary>What the sandbox's portal page shows: the view (deal, contact or app), the language, the viewer, the records and the users to choose from.</summary>
public sealed record PageState(string View, string Lang, SandboxUser Viewer, SandboxDeal? Deal, SandboxContact? Contact, IReadOnlyList<SandboxUser> PortalUsers);
