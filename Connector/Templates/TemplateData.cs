namespace Connector.Templates;

/// <summary>
/// The values a letter is rendered with, shaped like <see cref="TemplateSchema"/>: CRM values are data and are never
/// parsed as Liquid; the HTML part encodes them on output.
/// </summary>
public sealed record TemplateData(IReadOnlyDictionary<string, object?> Values, string? Locale)
{
    public static TemplateData From(TemplateContact contact, IReadOnlyList<TemplateDeal> deals, TemplateSender sender, string unsubscribeUrl)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(deals);
        ArgumentNullException.ThrowIfNull(sender);
        var dealValues = deals.Select(Deal).ToList();
        var current = deals.Where(d => !d.Closed).OrderByDescending(d => d.Id).Select(Deal).FirstOrDefault() ?? dealValues.LastOrDefault();
        var fullName = string.Join(' ', new[] { contact.Name, contact.LastName }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["contact"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = contact.Id,
                ["name"] = contact.Name,
                ["last_name"] = contact.LastName,
                ["second_name"] = contact.SecondName,
                ["full_name"] = fullName.Length == 0 ? null : fullName,
                ["email"] = contact.Email,
                ["locale"] = contact.Locale,
                ["fields"] = contact.Fields.ToDictionary(f => f.Key, f => (object?)f.Value, StringComparer.Ordinal),
                ["deals"] = dealValues,
            },
            ["deal"] = current,
            ["deals"] = dealValues,
            ["sender"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = sender.Name,
                ["address"] = sender.Address,
                ["company"] = sender.Company,
                ["postal_address"] = sender.PostalAddress,
                ["website"] = sender.Website,
            },
            ["unsubscribe_url"] = unsubscribeUrl,
        };
        return new TemplateData(values, contact.Locale);
    }

    /// <summary>Made-up data for previews and test sends without a contact.</summary>
    public static TemplateData Sample(TemplateSender sender, string unsubscribeUrl) => From(
        new TemplateContact(0, "Анна", "Петрова", null, "anna@example.org", "ru-RU", new Dictionary<string, string?>()),
        [new TemplateDeal(0, "Заказ №1042", "NEW", "Новая", "Продажи", 12500.50m, "RUB", false, false)],
        sender,
        unsubscribeUrl);

    private static Dictionary<string, object?> Deal(TemplateDeal deal) => new(StringComparer.Ordinal)
    {
        ["id"] = deal.Id,
        ["title"] = deal.Title,
        ["stage"] = deal.Stage,
        ["stage_name"] = deal.StageName,
        ["pipeline"] = deal.Pipeline,
        ["amount"] = deal.Amount,
        ["currency"] = deal.Currency,
        ["closed"] = deal.Closed,
        ["won"] = deal.Won,
        ["fields"] = (deal.Fields ?? new Dictionary<string, string?>()).ToDictionary(f => f.Key, f => (object?)f.Value, StringComparer.Ordinal),
    };
}
