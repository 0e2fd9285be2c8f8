using System.Globalization;
using System.Text.RegularExpressions;
using Connector.Segments;
using Connector.Sending.Settings;
using Microsoft.Extensions.Options;
using MimeKit;
using Connector.Store;
using Connector.Templates;

namespace Connector.Campaigns.Broadcasts;

/// <summary>
/// Checks a <see cref="CampaignSpec"/> whole — every problem listed with its option, nothing stored — and gives the
/// <see cref="CampaignDraft"/>: the template (and each variant's) stored and compiling with the variant's subject, the
/// segment expression parsed (a saved segment's frozen as it is now), <c>--at</c> in the future, the window, expiry,
/// variants, shares and waits in range.
/// </summary>
public sealed partial class CampaignValidator(
    TemplateStore templates, TemplateCompiler compiler, SegmentEvaluator segments, SegmentStore saved, CampaignZones zones, IOptions<SenderOptions> sender, TimeProvider time)
{
    public async Task<(CampaignDraft? Draft, IReadOnlyList<CampaignProblem> Problems)> ValidateAsync(CampaignSpec spec, long portalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new List<CampaignProblem>();
        var now = time.GetUtcNow();
        if (spec.Template is not { Length: > 0 } template)
        {
            problems.Add(new("--template", "required"));
            template = "";
        }
        else if (await templates.FindAsync(template, null, cancellationToken) is null)
        {
            problems.Add(new("--template", $"no template '{template}' is stored (crm-esp template save)"));
        }

        var name = spec.Name ?? template;
        if (name.Length is 0 or > 200)
        {
            problems.Add(new("--name", "1 to 200 characters"));
        }

        var expression = await SegmentAsync(spec, portalId, problems, cancellationToken);
        var (launchAt, localAt) = At(spec, now, await zones.PortalAsync(portalId, cancellationToken), problems);
        TimeWindow? window = null;
        if (spec.Window is { } w && (window = TimeWindow.Parse(w)) is null)
        {
            problems.Add(new("--window", $"'{w}' is not HH:MM-HH:MM (two different times, e.g. 09:00-18:00)"));
        }

        TimeSpan? expireAfter = null;
        if (spec.ExpireAfter is { } e && ((expireAfter = Durations.Parse(e)) is null || expireAfter <= TimeSpan.Zero || expireAfter > TimeSpan.FromDays(60)))
        {
            problems.Add(new("--expire-after", $"'{e}' is not a duration from 1m to 60d (30m, 4h, 2d)"));
        }

        var variants = await VariantsAsync(spec, template, problems, cancellationToken);
        var mode = spec.Mode ?? (variants.Count > 0 ? CampaignMode.Ab : CampaignMode.OneLetter);
        if (mode is not (CampaignMode.Ab or CampaignMode.Bandit or CampaignMode.OneLetter))
        {
            problems.Add(new("--mode", $"'{mode}' is not ab or bandit"));
        }
        else if (mode != CampaignMode.OneLetter && variants.Count < 2)
        {
            problems.Add(new("--variant", $"--mode {mode} needs two or more variants"));
        }
        else if (mode == CampaignMode.OneLetter && variants.Count > 0)
        {
            problems.Add(new("--mode", "variants are given: --mode ab or bandit"));
        }

        var winnerBy = spec.WinnerBy ?? "opens";
        if (winnerBy is not ("opens" or "clicks"))
        {
            problems.Add(new("--winner-by", $"'{winnerBy}' is not opens or clicks"));
        }

        if (spec.TestShare is { } share && share is < 1 or > 100)
        {
            problems.Add(new("--test-share", $"{share.ToString(CultureInfo.InvariantCulture)} is not a percentage from 1 to 100"));
        }

        if (spec.WaveShare is { } wave && wave is < 1 or > 100)
        {
            problems.Add(new("--wave-share", $"{wave.ToString(CultureInfo.InvariantCulture)} is not a percentage from 1 to 100"));
        }

        var testWait = Wait(spec.TestWait, "--test-wait", TimeSpan.FromHours(4), problems);
        var waveEvery = Wait(spec.WaveEvery, "--wave-every", TimeSpan.FromHours(1), problems);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (new CampaignDraft
        {
            PortalId = portalId, Name = name, TemplateName = template, SegmentName = spec.SegmentName, SegmentExpression = expression!, LaunchAt = launchAt, LocalAt = localAt,
            Window = window, LocalTime = spec.LocalTime, ExpireAfter = expireAfter, Mode = mode, WinnerBy = winnerBy, Variants = variants,
            TestShare = mode == CampaignMode.Ab ? spec.TestShare ?? 20 : null, TestWait = mode == CampaignMode.Ab ? testWait : null,
            WaveShare = mode == CampaignMode.Bandit ? spec.WaveShare ?? 10 : null, WaveEvery = mode == CampaignMode.Bandit ? waveEvery : null,
            SendTimeOptimised = spec.SendTimeOptimised,
        }, problems);
    }

    // The portal's own saved segments and the operator's only (a page's portal never reads another's).
    private async Task<string?> SegmentAsync(CampaignSpec spec, long portalId, List<CampaignProblem> problems, CancellationToken cancellationToken)
    {
        if ((spec.Segment is null) == (spec.SegmentName is null))
        {
            problems.Add(new("--segment", "give a segment expression (--segment) or a saved segment (--segment-name), one of them"));
            return null;
        }

        if (spec.SegmentName is { } savedName)
        {
            if (await saved.LatestAsync(portalId, savedName, cancellationToken) is not { } row)
            {
                problems.Add(new("--segment-name", $"no saved segment \"{savedName}\" (crm-esp segment save)"));
                return null;
            }

            var prepared = await segments.PrepareAsync(row.Expression, portalId, cancellationToken);
            if (prepared.Error is { } error)
            {
                problems.Add(new("--segment-name", $"saved segment \"{savedName}\" no longer reads: {error}"));
                return null;
            }

            return row.Expression;
        }

        var result = await segments.PrepareAsync(spec.Segment!, portalId, cancellationToken);
        if (result.Error is { } bad)
        {
            problems.Add(new("--segment", bad.ToString()));
            return null;
        }

        return spec.Segment;
    }

    // --at with an offset is that instant; without one, a wall-clock time in the portal's zone (with --local-time: in each
    // contact's, so the campaign launches when the earliest zone, UTC+14, reaches it).
    private static (DateTimeOffset LaunchAt, DateTime? LocalAt) At(CampaignSpec spec, DateTimeOffset now, TimeZoneInfo portalZone, List<CampaignProblem> problems)
    {
        if (spec.At is not { } text)
        {
            return (now, null);
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind, out var parsed))
        {
            problems.Add(new("--at", $"'{text}' is not an ISO-8601 time (2026-12-05T09:00, or with an offset: 2026-12-05T09:00+03:00)"));
            return (now, null);
        }

        var hasOffset = Offset().IsMatch(text.Trim());
        DateTimeOffset at;
        DateTime? local = null;
        if (hasOffset)
        {
            at = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces);
            local = spec.LocalTime ? at.DateTime : null;
        }
        else
        {
            at = CampaignSchedule.WallClockIn(parsed, portalZone);
            local = spec.LocalTime ? parsed : null;
        }

        var latest = local is { } wall ? new DateTimeOffset(DateTime.SpecifyKind(wall, DateTimeKind.Unspecified), TimeSpan.FromHours(-12)) : at;
        if (latest <= now)
        {
            problems.Add(new("--at", $"{UtcText.From(at)} is in the past"));
        }

        var launch = local is { } w2 ? new DateTimeOffset(DateTime.SpecifyKind(w2, DateTimeKind.Unspecified), TimeSpan.FromHours(14)) : at;
        return (launch > now ? launch : now, local);
    }

    private async Task<IReadOnlyList<CampaignVariant>> VariantsAsync(CampaignSpec spec, string template, List<CampaignProblem> problems, CancellationToken cancellationToken)
    {
        var variants = new List<CampaignVariant>();
        foreach (var text in spec.Variants)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var name = colon > 0 ? text[..colon].Trim() : "";
            if (!VariantName().IsMatch(name))
            {
                problems.Add(new("--variant", $"'{text}' is not NAME:subject=TEXT, NAME:from=ADDRESS or NAME:template=NAME (a name of letters, digits, _ or -)"));
                continue;
            }

            string? subject = null, variantTemplate = null, fromAddress = null, fromName = null;
            var ok = true;
            foreach (var part in text[(colon + 1)..].Split(';'))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                var (key, value) = eq > 0 ? (part[..eq].Trim(), part[(eq + 1)..]) : ("", "");
                switch (key)
                {
                    case "subject" when value.Trim().Length is > 0 and <= 250:
                        subject = value.Trim();
                        break;
                    case "template" when value.Trim().Length > 0:
                        variantTemplate = value.Trim();
                        break;
                    case "from" when MailboxAddress.TryParse(value.Trim(), out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal):
                        (fromAddress, fromName) = (mailbox.Address, mailbox.Name is { Length: > 0 } n ? n : null);
                        if (SendingDomain() is not { } domain || !fromAddress.EndsWith("@" + domain, StringComparison.OrdinalIgnoreCase))
                        {
                            problems.Add(new("--variant", $"{name}: the sender {fromAddress} is not on the sending domain ({SendingDomain() ?? "Sender:FromAddress is not set"})"));
                            ok = false;
                        }

                        break;
                    default:
                        problems.Add(new("--variant", $"{name}: '{part}' is not subject=TEXT (1 to 250 characters), from=Name <address> or template=NAME"));
                        ok = false;
                        break;
                }
            }

            if (!ok)
            {
                continue;
            }

            if (variants.Any(v => v.Name == name))
            {
                problems.Add(new("--variant", $"{name}: named twice"));
                continue;
            }

            var file = await templates.FindAsync(variantTemplate ?? template, null, cancellationToken);
            if (file is null)
            {
                if (variantTemplate is not null)
                {
                    problems.Add(new("--variant", $"{name}: no template '{variantTemplate}' is stored"));
                }
            }
            else if (subject is not null && compiler.Compile(file with { Subject = subject }).Errors is { Count: > 0 } errors)
            {
                problems.Add(new("--variant", $"{name}: the subject does not compile: {errors[0]}"));
            }

            variants.Add(new CampaignVariant { Name = name, TemplateName = variantTemplate, Subject = subject, FromAddress = fromAddress, FromName = fromName });
        }

        return variants;
    }

    private string? SendingDomain() =>
        sender.Value.FromAddress is { } from && from.LastIndexOf('@') is var at and > 0 ? from[(at + 1)..].ToLowerInvariant() : null;

    private static TimeSpan Wait(string? text, string option, TimeSpan fallback, List<CampaignProblem> problems)
    {
        if (text is null)
        {
            return fallback;
        }

        if (Durations.Parse(text) is { } span && span >= TimeSpan.FromMinutes(1) && span <= TimeSpan.FromDays(14))
        {
            return span;
        }

        problems.Add(new(option, $"'{text}' is not a duration from 1m to 14d (30m, 4h, 2d)"));
        return fallback;
    }

    [GeneratedRegex(@"(Z|[+-]\d{2}(:?\d{2})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Offset();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex VariantName();
}
