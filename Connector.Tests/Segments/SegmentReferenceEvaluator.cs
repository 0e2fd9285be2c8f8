using System.Globalization;
using System.Text.Json;
using Connector.Segments;
using Connector.Store;

namespace Connector.Tests.Segments;

/// <summary>
/// The segment language's meaning, written a second time in plain C# over a <see cref="MirrorModel"/> (portal 1): the
/// property test checks the compiled SQL against it. Text compares ordinally, NOCASE matches fold ASCII letters only
/// (as SQLite's), a missing value fails every comparison, != and not in are the negation of = and in.
/// </summary>
internal sealed class SegmentReferenceEvaluator(MirrorModel model, DateTimeOffset now)
{
    public IReadOnlyList<long> ContactIds(SegmentExpression expression) =>
        model.Contacts.Where(c => !c.Deleted && Holds(expression, c)).Select(c => c.Id).Order().ToList();

    private bool Holds(SegmentExpression expression, MirrorModel.Contact contact) => expression switch
    {
        SegmentExpression.Both x => Holds(x.Left, contact) && Holds(x.Right, contact),
        SegmentExpression.Either x => Holds(x.Left, contact) || Holds(x.Right, contact),
        SegmentExpression.Negated x => !Holds(x.Inner, contact),
        SegmentExpression.AnyDeal x => model.Deals.Any(d => !d.Deleted && d.ContactIds.Contains(contact.Id) && HoldsForDeal(x.Inner, d)),
        SegmentExpression.Compare x => Compare(x, ContactValues(x.Field, contact)),
        SegmentExpression.Engagement x => Engaged(x, contact),
        _ => throw new InvalidOperationException(expression.GetType().Name),
    };

    private bool HoldsForDeal(SegmentExpression expression, MirrorModel.Deal deal) => expression switch
    {
        SegmentExpression.Both x => HoldsForDeal(x.Left, deal) && HoldsForDeal(x.Right, deal),
        SegmentExpression.Either x => HoldsForDeal(x.Left, deal) || HoldsForDeal(x.Right, deal),
        SegmentExpression.Negated x => !HoldsForDeal(x.Inner, deal),
        SegmentExpression.Compare x => Compare(x, DealValues(x.Field, deal)),
        _ => throw new InvalidOperationException(expression.GetType().Name),
    };

    private static List<object?> ContactValues(SegmentField field, MirrorModel.Contact c) => field.Name switch
    {
        "contact.id" => [(double)c.Id],
        "contact.name" => [c.Name],
        "contact.second_name" => [c.SecondName],
        "contact.last_name" => [c.LastName],
        "contact.email" => [.. c.Emails],
        "contact.assigned" => [(double?)c.Assigned],
        "contact.created" => [c.Created],
        "contact.modified" => [c.Modified],
        _ => Custom(c.CustomJson, field.CustomKey!),
    };

    private static List<object?> DealValues(SegmentField field, MirrorModel.Deal d) => field.Name switch
    {
        "deal.id" => [(double)d.Id],
        "deal.title" => [d.Title],
        "deal.stage" => [d.Stage],
        "deal.stage_name" => [MirrorModel.Stages.Where(s => s.Id == d.Stage).Select(s => s.Name).FirstOrDefault()],
        "deal.pipeline" => [(double)d.Pipeline],
        "deal.pipeline_name" => [MirrorModel.Pipelines.Where(p => p.Id == d.Pipeline).Select(p => p.Name).FirstOrDefault()],
        "deal.status" => [d.Semantic switch { "S" => "won", "F" => "lost", _ => "open" }],
        "deal.amount" => [string.IsNullOrEmpty(d.Amount) ? null : double.Parse(d.Amount, CultureInfo.InvariantCulture)],
        "deal.currency" => [d.Currency],
        "deal.assigned" => [(double?)d.Assigned],
        "deal.created" => [d.Created],
        "deal.modified" => [d.Modified],
        "deal.moved" => [d.Moved],
        _ => Custom(d.CustomJson, field.CustomKey!),
    };

    private static List<object?> Custom(string? json, string key)
    {
        if (json is null)
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(key, out var value)
                ? value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => (object?)v.GetString()).ToList() : [value.GetString()]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private bool Compare(SegmentExpression.Compare x, List<object?> values)
    {
        var list = x.Field.Shape != SegmentFieldShape.Scalar;
        return x.Operator switch
        {
            SegmentOperator.NotEqual => !Compare(x with { Operator = SegmentOperator.Equal }, values),
            SegmentOperator.NotIn => !Compare(x with { Operator = SegmentOperator.In }, values),
            SegmentOperator.IsNotEmpty => !Compare(x with { Operator = SegmentOperator.IsEmpty }, values),
            SegmentOperator.IsEmpty => list
                ? !values.Any(v => v is string s && (x.Field.Shape == SegmentFieldShape.Emails || s.Length > 0))
                : values[0] is null || (values[0] is string s && s.Length == 0),
            _ => values.Any(v => v is not null && One(x.Operator, v, x.Values)),
        };
    }

    private bool One(SegmentOperator op, object value, IReadOnlyList<SegmentLiteral> literals)
    {
        if (value is double number)
        {
            var n = (double)literals[0].Number!.Value;
            return op switch
            {
                SegmentOperator.Equal => number == n,
                SegmentOperator.Less => number < n,
                SegmentOperator.LessOrEqual => number <= n,
                SegmentOperator.Greater => number > n,
                SegmentOperator.GreaterOrEqual => number >= n,
                SegmentOperator.In => literals.Any(l => number == (double)l.Number!.Value),
                _ => throw new InvalidOperationException(op.ToString()),
            };
        }

        var text = (string)value;
        var other = literals[0].Type == SegmentFieldType.Date ? UtcText.From(literals[0].At(now)) : literals[0].Text!;
        return op switch
        {
            SegmentOperator.Equal => text == other,
            SegmentOperator.Less => string.CompareOrdinal(text, other) < 0,
            SegmentOperator.LessOrEqual => string.CompareOrdinal(text, other) <= 0,
            SegmentOperator.Greater => string.CompareOrdinal(text, other) > 0,
            SegmentOperator.GreaterOrEqual => string.CompareOrdinal(text, other) >= 0,
            SegmentOperator.Contains => text.Contains(other, StringComparison.Ordinal),
            SegmentOperator.StartsWith => text.StartsWith(other, StringComparison.Ordinal),
            SegmentOperator.In => literals.Any(l => l.Text == text),
            _ => throw new InvalidOperationException(op.ToString()),
        };
    }

    private bool Engaged(SegmentExpression.Engagement x, MirrorModel.Contact contact)
    {
        switch (x.Kind)
        {
            case SegmentEngagement.Opened or SegmentEngagement.Clicked:
                var kind = x.Kind == SegmentEngagement.Opened ? "open" : "click";
                var since = x.Since is { } s ? UtcText.From(s.At(now)) : null;
                return model.Hits.Any(h => h.Portal == 1 && h.ContactId == contact.Id && h.Kind == kind && !h.Machine && (since is null || string.CompareOrdinal(h.At, since) >= 0));
            case SegmentEngagement.HardBounced:
                return contact.Emails.Any(e => model.Bounces.Any(b => b.Kind == "hard" && NoCase(b.Recipient, e)) || model.Suppressions.Any(p => p.Reason == "hard_bounce" && NoCase(p.Address, e)));
            case SegmentEngagement.Unsubscribed:
                return contact.Emails.Any(e => model.Suppressions.Any(p => p.Reason == "unsubscribed" && NoCase(p.Address, e))
                    || (x.List is { } list && model.ListUnsubscribes.Any(u => u.List == list && NoCase(u.Address, e))));
            case SegmentEngagement.InScenario:
                return model.Enrollments.Any(e => e.Portal == 1 && e.ContactId == contact.Id && e.Scenario == x.List && e.State == "active");
            default:
                return contact.Emails.Any(e => model.Suppressions.Any(p => NoCase(p.Address, e)));
        }
    }

    /// <summary>SQLite's NOCASE: ASCII letters fold, nothing else does.</summary>
    public static bool NoCase(string a, string b) =>
        a.Length == b.Length && a.Zip(b).All(p => Fold(p.First) == Fold(p.Second));

    private static char Fold(char c) => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
}
