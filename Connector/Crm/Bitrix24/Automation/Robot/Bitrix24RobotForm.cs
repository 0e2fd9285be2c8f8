using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Connector.Crm.Bitrix24.Automation.Robot;

/// <summary>
/// The POST a robot makes to its HANDLER (bitrix24-automation.md §6.3; CORE bizproc restactivity.php execute(); the
/// SDKs' IncomingRobotRequest / ActivityHandlerParams): form-urlencoded with PHP bracket keys — <c>workflow_id</c>,
/// <c>code</c>, <c>document_id[0..2]</c> (crm, CCrmDocumentDeal, DEAL_123), <c>event_token</c>, <c>properties[key]</c>,
/// <c>use_subscription</c>, <c>timeout_duration</c>, <c>ts</c> and <c>auth[...]</c> with the app's application_token.
/// </summary>
public sealed record Bitrix24RobotForm(
    string? EventToken, string? WorkflowId, string Code, string? DocumentModule, string? DocumentEntity, string? DocumentId, IReadOnlyDictionary<string, string> Properties)
{
    public const string DealEntity = "CCrmDocumentDeal";

    public static Bitrix24RobotForm From(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in form)
        {
            if (key.StartsWith("properties[", StringComparison.Ordinal) && key.EndsWith(']') && key.IndexOf('[', 11) < 0)
            {
                properties[key[11..^1]] = value.ToString();
            }
        }

        return new(Text(form["event_token"]), Text(form["workflow_id"]), form["code"].ToString().Trim(),
            Text(form["document_id[0]"]), Text(form["document_id[1]"]), Text(form["document_id[2]"]), properties);
    }

    /// <summary>The deal of <c>document_id</c>: the number after the last '_' of DEAL_123 (the PHP SDK's WorkflowDocumentId); null for anything else.</summary>
    public long? DealId =>
        DocumentModule == "crm" && DocumentEntity == DealEntity && DocumentId is { } id && id.StartsWith("DEAL_", StringComparison.Ordinal)
        && long.TryParse(id.AsSpan(id.LastIndexOf('_') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var deal) && deal > 0 ? deal : null;

    /// <summary>The redelivery key: SHA-256 of the event token (the token itself is a secret of the run).</summary>
    public string TokenHash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(EventToken ?? "")));

    public string Property(string key) => Properties.TryGetValue(key, out var value) ? value.Trim() : "";

    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) => string.IsNullOrWhiteSpace(value) ? null : value.ToString().Trim();
}
