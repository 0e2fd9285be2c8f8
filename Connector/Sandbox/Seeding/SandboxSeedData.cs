namespace Connector.Sandbox.Seeding;

public sealed record SandboxSeedData(
    IReadOnlyList<SandboxContact> Contacts,
    IReadOnlyList<SandboxDeal> Deals,
    IReadOnlyList<SandboxHistoryRow> History);
