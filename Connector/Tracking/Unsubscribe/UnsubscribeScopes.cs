namespace Connector.Tracking.Unsubscribe;

/// <summary>The store's and the form's text for <see cref="UnsubscribeScope"/>.</summary>
public static class UnsubscribeScopes
{
    public static string Sql(UnsubscribeScope? scope) => scope == UnsubscribeScope.List ? "list" : "all";

    public static UnsubscribeScope? Parse(string? text) => text switch
    {
        "list" => UnsubscribeScope.List,
        "all" => UnsubscribeScope.All,
        _ => null,
    };
}
