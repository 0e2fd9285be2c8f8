using System.Globalization;
using System.Text.RegularExpressions;
using Connector.Sending.Tokens;

namespace Connector.Bounces;

/// <summary>
/// Finds the ledger row a report is about: first a signed token in an address (<c>bounce+{token}@</c>, the VERP
/// return path; <c>unsubscribe+{token}@</c> from a List-Unsubscribe mailto), then the envelope id (ENVID = the row id,
/// accepted only when that row names the reported recipient, since an envelope id is not signed).
/// </summary>
public sealed partial class BounceMatcher(BounceLedger ledger, BounceTokens tokens)
{
    public async Task<(BounceLedgerRow? Row, IReadOnlyList<string> UnknownTokens)> ByTokensAsync(IEnumerable<string?> texts, CancellationToken cancellationToken)
    {
        var unknown = new List<string>();
        foreach (var text in texts)
        {
            if (text is null)
            {
                continue;
            }

            foreach (Match match in TokenAddress().Matches(text))
            {
                var kind = match.Groups["kind"].Value.Equals("bounce", StringComparison.OrdinalIgnoreCase) ? TokenKind.Bounce : TokenKind.Unsubscribe;
                var token = match.Groups["token"].Value;
                if (tokens.Codec?.Read(kind, token, forAddress: true) is { } signed && await ledger.RowAsync(signed.Message.SendId, cancellationToken) is { } row)
                {
                    return (row, unknown);
                }

                if (!unknown.Contains(token, StringComparer.OrdinalIgnoreCase))
                {
                    unknown.Add(token);
                }
            }
        }

        return (null, unknown);
    }

    public async Task<BounceLedgerRow?> ByEnvelopeIdAsync(string? envelopeId, string recipient, CancellationToken cancellationToken) =>
        long.TryParse(envelopeId?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
        && await ledger.RowAsync(id, cancellationToken) is { } row && string.Equals(row.Recipient, recipient, StringComparison.OrdinalIgnoreCase)
            ? row
            : null;

    [GeneratedRegex(@"(?<![A-Za-z0-9._+-])(?<kind>bounce|unsubscribe)\+(?<token>[A-Za-z2-7]{20,120})@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TokenAddress();
}
