using System.Text.RegularExpressions;

namespace Connector.Templates;

/// <summary>
/// What a template may declare in <c>custom_fields</c>: a CRM user-field code (<c>UF_CRM_CITY</c>, <c>UF_CRM_1720697698689</c>),
/// bare or with <c>contact.</c> for a contact's field, with <c>deal.</c> for a deal's. Templates then read
/// <c>contact.fields.UF_CRM_CITY</c> and <c>deal.fields.UF_CRM_…</c> (also on <c>deals</c> and <c>contact.deals</c> items).
/// </summary>
internal static partial class CustomFieldNames
{
    public const string Contact = "contact";
    public const string Deal = "deal";

    /// <summary>Owner (<see cref="Contact"/> or <see cref="Deal"/>) and code, or null when the declaration is not valid.</summary>
    public static (string Owner, string Code)? Parse(string declared)
    {
        var text = declared.Trim();
        var owner = Contact;
        if (text.StartsWith(Deal + ".", StringComparison.Ordinal) || text.StartsWith(Contact + ".", StringComparison.Ordinal))
        {
            owner = text[..text.IndexOf('.', StringComparison.Ordinal)];
            text = text[(owner.Length + 1)..];
        }

        return Code().IsMatch(text) ? (owner, text) : null;
    }

    public static IEnumerable<string> Of(IEnumerable<string> declared, string owner) =>
        declared.Select(Parse).Where(p => p?.Owner == owner).Select(p => p!.Value.Code);

    [GeneratedRegex("^UF_[A-Z0-9_]{1,60}$", RegexOptions.CultureInvariant)]
    private static partial Regex Code();
}
