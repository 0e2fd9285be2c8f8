using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Connector.Crm.Bitrix24.Events;

/// <summary>
/// An event POST (form-urlencoded, PHP bracket keys read literally: <c>data[FIELDS][ID]</c>, <c>auth[member_id]</c>).
/// <see cref="Payload"/> is the form without tokens, for the inbox.
/// </summary>
public sealed record Bitrix24EventForm(string Event, string? MemberId, string? ApplicationToken, string? Domain, IFormCollection Form)
{
    private static readonly HashSet<string> Secrets = new(StringComparer.OrdinalIgnoreCase)
    {
        "auth[access_token]", "auth[refresh_token]", "auth[application_token]", "AUTH_ID", "REFRESH_ID", "APPLICATION_TOKEN",
    };

    public static Bitrix24EventForm From(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new(
            form["event"].ToString().Trim().ToUpperInvariant(),
            NullIfEmpty(form["auth[member_id]"]),
            NullIfEmpty(form["auth[application_token]"]),
            NullIfEmpty(form["auth[domain]"]),
            form);
    }

    /// <summary>The record ID in <c>data[FIELDS][ID]</c>; null when missing or not a positive integer.</summary>
    public long? EntityId =>
        long.TryParse(Form["data[FIELDS][ID]"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    public string Payload => JsonSerializer.Serialize(Form.Where(f => !Secrets.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value.ToString()));

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => string.IsNullOrWhiteSpace(value) ? null : value.ToString();
}
