using Microsoft.Extensions.Configuration;

namespace Connector.Templates;

/// <summary>The sender as templates see it: <c>Sender:FromName</c>, <c>Sender:FromAddress</c>, <c>Sender:Company</c>, <c>Sender:PostalAddress</c>, <c>Sender:Website</c>.</summary>
public sealed record TemplateSender(string? Name, string Address, string? Company, string? PostalAddress, string? Website)
{
    public static TemplateSender From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new TemplateSender(
            configuration["Sender:FromName"],
            configuration["Sender:FromAddress"] ?? string.Empty,
            configuration["Sender:Company"] ?? configuration["Sender:FromName"],
            configuration["Sender:PostalAddress"],
            configuration["Sender:Website"]);
    }
}
