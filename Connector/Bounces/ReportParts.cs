using System.Text.RegularExpressions;
using MimeKit;

namespace Connector.Bounces;

/// <summary>Small helpers over a report's MIME tree: find parts, the envelope headers an MTA adds, addresses in <c>type; address</c> fields.</summary>
public static partial class ReportParts
{
    /// <summary>Headers where the final delivery names the envelope recipient (the VERP address): Postfix and Dovecot add Delivered-To and X-Original-To.</summary>
    private static readonly string[] EnvelopeHeaders = ["Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "X-Rcpt-To", "To"];

    public static IEnumerable<MimeEntity> Walk(MimeEntity? entity)
    {
        if (entity is null)
        {
            yield break;
        }

        yield return entity;
        if (entity is Multipart multipart)
        {
            foreach (var child in multipart.SelectMany(Walk))
            {
                yield return child;
            }
        }
    }

    public static IEnumerable<string> EnvelopeRecipients(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return EnvelopeHeaders.SelectMany(name => message.Headers.Where(h => h.Field.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value));
    }

    /// <summary>The headers of the returned original (message/rfc822 or text/rfc822-headers), where they are attached.</summary>
    public static HeaderList? OriginalHeaders(MultipartReport report) =>
        report.OfType<MessagePart>().Select(p => p.Message?.Headers).FirstOrDefault(h => h is not null);

    /// <summary><c>rfc822; anna@example.org</c> or <c>&lt;anna@example.org&gt;</c> → the address; null when there is none.</summary>
    public static string? Address(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return null;
        }

        var value = field.Contains(';', StringComparison.Ordinal) ? field[(field.IndexOf(';', StringComparison.Ordinal) + 1)..] : field;
        value = value.Trim().Trim('<', '>').Trim();
        return value.Length is > 2 and <= 320 && value.IndexOf('@', StringComparison.Ordinal) > 0 && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? value : null;
    }

    /// <summary>Unfolded, single-spaced, capped at <paramref name="max"/> characters: fit for <c>bounce_events.detail</c>.</summary>
    public static string? Detail(string? text, int max = 500)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var flat = Whitespace().Replace(text, " ").Trim();
        return flat.Length <= max ? flat : flat[..max] + "…";
    }

    [GeneratedRegex(@"[\s\p{Cc}]+")]
    private static partial Regex Whitespace();
}
