using System.Text.Json;

namespace Connector.Bounces;

/// <summary>
/// The JSON a relay posts to <c>/hooks/bounces</c> (one notice per request):
/// <code>
/// { "type": "bounce" | "complaint",              required
///   "recipient": "anna@example.org",             required
///   "status": "5.1.1",                           required for a bounce: the RFC 3463 code; classified like a DSN's
///   "diagnostic": "smtp; 550 5.1.1 no such user", optional
///   "return_path": "bounce+…@bounces.example.com", optional: the VERP address (the signed token matches the message)
///   "envelope_id": "1234",                       optional: the ENVID we sent (the ledger row id)
///   "feedback_type": "abuse" }                   optional, complaints: ARF Feedback-Type; not-spam records nothing
/// </code>
/// <see cref="Parse"/> answers the notice or the first field that is wrong.
/// </summary>
public sealed record BounceHookNotice(string Type, string Recipient, string? Status, string? Diagnostic, string? ReturnPath, string? EnvelopeId, string? FeedbackType)
{
    public static (BounceHookNotice? Notice, string? Problem) Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            return (null, "body: not valid JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "body: must be a JSON object");
            }

            string? problem = null;
            string? Text(string name, int max, bool required)
            {
                if (problem is not null)
                {
                    return null;
                }

                if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    problem = required ? $"{name}: required" : null;
                    return null;
                }

                if (value.ValueKind != JsonValueKind.String || value.GetString() is not { } text || text.Length > max)
                {
                    problem = $"{name}: must be a string of at most {max} characters";
                    return null;
                }

                return text;
            }

            var type = Text("type", 20, required: true);
            var recipient = Text("recipient", 320, required: true);
            var status = Text("status", 20, required: false);
            var diagnostic = Text("diagnostic", 2000, required: false);
            var returnPath = Text("return_path", 320, required: false);
            var envelopeId = Text("envelope_id", 40, required: false);
            var feedbackType = Text("feedback_type", 40, required: false);
            problem ??= type is "bounce" or "complaint" ? null : "type: must be bounce or complaint";
            problem ??= ReportParts.Address(recipient) is null ? "recipient: must be an e-mail address" : null;
            problem ??= type == "bounce" && !BounceClassifier.IsValid(status) ? "status: a bounce needs an RFC 3463 status code like 5.1.1" : null;
            return problem is null ? (new BounceHookNotice(type!, ReportParts.Address(recipient)!, status?.Trim(), diagnostic, returnPath, envelopeId, feedbackType), null) : (null, problem);
        }
    }
}
