using Connector.Templates;

namespace Connector.Campaigns;

/// <summary>
/// One mirrored contact as a campaign sees it: template data (its first valid e-mail as <see cref="TemplateContact.Email"/>,
/// null when none is valid), its deals, whether it has any e-mail at all, whether it is deleted, and its raw custom fields.
/// </summary>
public sealed record MirroredContact(
    TemplateContact Contact, IReadOnlyList<TemplateDeal> Deals, bool HasEmails, bool Deleted, IReadOnlyDictionary<string, IReadOnlyList<string>> CustomFields);
