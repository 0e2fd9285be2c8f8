using Connector.Web;
using Microsoft.Extensions.Options;

namespace Connector.Bounces;

/// <summary>
/// <c>POST /hooks/bounces</c>: bounce and complaint notices from an upstream relay, signed the Standard Webhooks way
/// with <c>Bounces:HookSecret</c> (<see cref="StandardWebhookSignature"/>, 5 minutes' tolerance). 404 when no secret is
/// configured; 413 over 64 KB (Content-Length checked before reading, the read itself capped); 401 on a missing or bad
/// signature; 400 naming the field on bad JSON; 200 with what was recorded. The webhook-id is the source id, so a relay
/// retrying the same notice records it once. Never 500 for bad input.
/// </summary>
public sealed class BounceHook(IOptions<BounceIntakeOptions> options, BounceMatcher matcher, BounceRecorder recorder, TimeProvider time, ILogger<BounceHook> logger)
{
    public const int MaxBody = 64 * 1024;
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public async Task<BounceHookAnswer> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (options.Value.HookSecret is not { } secret || HookSecret.KeyOf(secret) is not { } key)
        {
            return BounceHookAnswer.Error(StatusCodes.Status404NotFound, "not found");
        }

        if (request.ContentLength > MaxBody)
        {
            return BounceHookAnswer.Error(StatusCodes.Status413PayloadTooLarge, $"body: at most {MaxBody} bytes");
        }

        if (await ReadCappedAsync(request.Body, cancellationToken) is not { } body)
        {
            return BounceHookAnswer.Error(StatusCodes.Status413PayloadTooLarge, $"body: at most {MaxBody} bytes");
        }

        var id = request.Headers["webhook-id"].ToString();
        if (StandardWebhookSignature.Verify(key, id, request.Headers["webhook-timestamp"], request.Headers["webhook-signature"], body, time.GetUtcNow(), Tolerance) is { } bad)
        {
            logger.LogWarning("Bounces hook: refused ({Problem}), webhook-id {Id}", bad, LogText.Safe(id, 80));
            return BounceHookAnswer.Error(StatusCodes.Status401Unauthorized, bad);
        }

        var (notice, problem) = BounceHookNotice.Parse(body);
        if (notice is null)
        {
            return BounceHookAnswer.Error(StatusCodes.Status400BadRequest, problem!);
        }

        var kind = notice.Type == "complaint"
            ? notice.FeedbackType?.Trim().Equals("not-spam", StringComparison.OrdinalIgnoreCase) == true ? (BounceKind?)null : BounceKind.Complaint
            : BounceClassifier.Classify(BounceClassifier.EffectiveStatus(notice.Status, notice.Diagnostic) ?? notice.Status!);
        if (kind is not { } classified)
        {
            return new BounceHookAnswer(StatusCodes.Status200OK, new { recorded = false, kind = (string?)null, matched = false, suppressed = false });
        }

        var (row, _) = await matcher.ByTokensAsync([notice.ReturnPath], cancellationToken);
        row ??= await matcher.ByEnvelopeIdAsync(notice.EnvelopeId, notice.Recipient, cancellationToken);
        var status = classified == BounceKind.Complaint ? null : BounceClassifier.EffectiveStatus(notice.Status, notice.Diagnostic);
        var detail = ReportParts.Detail(classified == BounceKind.Complaint ? $"feedback-type={notice.FeedbackType ?? "abuse"}" : notice.Diagnostic);
        var result = await recorder.RecordAsync(new BounceNotice(classified, row?.Recipient ?? notice.Recipient, status, detail, row?.Id), "hook", $"hook:{id}", cancellationToken);
        return new BounceHookAnswer(StatusCodes.Status200OK, new { recorded = result.Recorded, kind = classified.ToText(), matched = row is not null, suppressed = result.Suppressed });
    }

    private static async Task<byte[]?> ReadCappedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBody)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
