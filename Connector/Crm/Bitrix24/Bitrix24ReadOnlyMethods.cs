namespace Connector.Crm.Bitrix24;

/// <summary>
/// Which REST methods only read. Repeating a read changes nothing on the portal, so an answer that arrived broken
/// (a 200 whose body was cut off) may be asked for again; a write may have run, so it never is. By the method's
/// last segment (<c>*.list</c>, <c>*.get</c>, <c>*.fields</c>) plus a few named ones; anything else counts as a write.
/// </summary>
public static class Bitrix24ReadOnlyMethods
{
    private static readonly HashSet<string> ReadVerbs = new(StringComparer.OrdinalIgnoreCase) { "list", "get", "fields" };

    private static readonly HashSet<string> ReadMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        "app.info", "user.current", "profile", "scope", "methods", "server.time",
    };

    public static bool IsReadOnly(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (ReadMethods.Contains(method))
        {
            return true;
        }

        var dot = method.LastIndexOf('.');
        return dot > 0 && ReadVerbs.Contains(method[(dot + 1)..]);
    }
}
