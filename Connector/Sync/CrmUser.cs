namespace Connector.Sync;

/// <summary>A portal user as the mirror keeps it (Bitrix24's <c>user.get</c>): who a deal's or contact's responsible id names.</summary>
public sealed record CrmUser(long Id, string? Name, string? LastName, string? SecondName, string? Email, bool Active);
