namespace Connector.Sending.Hygiene;

/// <summary>
/// Which columns of a recipients file hold the address, the name and the deleted flag. A header row is recognised by an
/// address column name (<c>email</c>, <c>emails</c>, <c>e-mail</c>, <c>address</c>, …), among them exactly the columns
/// <c>contacts export --format csv</c> writes; without one the file is <c>address[,name]</c> lines.
/// </summary>
public sealed record RecipientColumns(int Address, int? Name, int? Invalid, int? Deleted, bool Header)
{
    /// <summary>Header-less lines: address first, the rest of the line is the name.</summary>
    public static readonly RecipientColumns Plain = new(0, 1, null, null, Header: false);

    private static readonly string[] AddressNames = ["email", "emails", "e-mail", "e-mails", "e_mail", "mail", "address", "email_address", "email address", "emailaddress", "адрес", "почта"];
    private static readonly string[] NameNames = ["name", "first_name", "firstname", "first name", "given_name", "имя"];

    /// <summary>The header's columns, or null when the record is not a header (then it is data).</summary>
    public static RecipientColumns? FromHeader(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var names = fields.Select(f => f.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var address = names.FindIndex(n => AddressNames.Contains(n));
        if (address < 0 || fields.Any(f => f.Contains('@', StringComparison.Ordinal)))
        {
            return null;
        }

        int? Find(params string[] candidates) => names.FindIndex(candidates.Contains) is var i and >= 0 ? i : null;
        return new RecipientColumns(address, Find(NameNames), Find("invalid_emails"), Find("deleted"), Header: true);
    }
}
