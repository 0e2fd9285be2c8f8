using Connector.Sending.Settings;

namespace Connector.Templates;

/// <summary>The sender as templates see it, from the bound <c>Sender</c> options: name, address, company (the name when unset), postal address, website.</summary>
public sealed record TemplateSender(string? Name, string Address, string? Company, string? PostalAddress, string? Website)
{
    public static TemplateSender From(SenderOptions sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return new TemplateSender(sender.FromName, sender.FromAddress ?? string.Empty, sender.Company ?? sender.FromName, sender.PostalAddress, sender.Website);
    }
}
