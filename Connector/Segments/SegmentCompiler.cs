using System.Text;
using Connector.Store;

namespace Connector.Segments;

/// <summary>
/// Turns a resolved tree into one SQL condition over <c>contacts c</c>: fields from <see cref="SegmentFields"/>, every
/// value a parameter, deal and engagement conditions as <c>c.crm_id IN (subquery)</c> (computed once per query, each
/// from an index). Each condition is true or false, never NULL, so <c>not</c> is plain negation.
/// </summary>
public sealed class SegmentCompiler
{
    private readonly DateTimeOffset _now;
    private readonly Dictionary<string, object> _parameters = [];

    private SegmentCompiler(DateTimeOffset now) => _now = now;

    /// <summary>Relative dates (<c>90 days ago</c>) are taken from <paramref name="now"/>. The tree holds no saved references.</summary>
    public static SegmentSql Compile(SegmentExpression expression, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var compiler = new SegmentCompiler(now);
        var where = compiler.Condition(expression);
        return new SegmentSql(where, compiler._parameters);
    }

    private string Condition(SegmentExpression expression) => expression switch
    {
        SegmentExpression.Both x => $"({Condition(x.Left)} AND {Condition(x.Right)})",
        SegmentExpression.Either x => $"({Condition(x.Left)} OR {Condition(x.Right)})",
        SegmentExpression.Negated x => $"NOT ({Condition(x.Inner)})",
        SegmentExpression.AnyDeal x => "c.crm_id IN (SELECT dc.contact_id FROM deals d JOIN deal_contacts dc ON dc.portal_id = d.portal_id AND dc.deal_id = d.crm_id "
            + $"WHERE d.portal_id = @Portal AND d.deleted = 0 AND {Condition(x.Inner)})",
        SegmentExpression.Compare x => Compare(x),
        SegmentExpression.Engagement x => Engagement(x),
        SegmentExpression.Saved x => throw new InvalidOperationException($"segment \"{x.Name}\" was not resolved before compiling"),
        _ => throw new InvalidOperationException($"unknown node {expression.GetType().Name}"),
    };

    private string Compare(SegmentExpression.Compare x)
    {
        var field = x.Field;
        if (field.Shape == SegmentFieldShape.Scalar)
        {
            return x.Operator switch
            {
                SegmentOperator.NotEqual => $"NOT {Scalar(field, SegmentOperator.Equal, x.Values)}",
                SegmentOperator.NotIn => $"NOT {Scalar(field, SegmentOperator.In, x.Values)}",
                SegmentOperator.IsNotEmpty => $"NOT {Empty(field)}",
                SegmentOperator.IsEmpty => Empty(field),
                _ => Scalar(field, x.Operator, x.Values),
            };
        }

        var valueField = field with { Sql = field.Shape == SegmentFieldShape.Emails ? "e.address" : "j.value", Nullable = field.Shape == SegmentFieldShape.Custom };
        return x.Operator switch
        {
            SegmentOperator.NotEqual => $"NOT {AnyValue(field, Scalar(valueField, SegmentOperator.Equal, x.Values))}",
            SegmentOperator.NotIn => $"NOT {AnyValue(field, Scalar(valueField, SegmentOperator.In, x.Values))}",
            SegmentOperator.IsEmpty => $"NOT {AnyValue(field, null)}",
            SegmentOperator.IsNotEmpty => AnyValue(field, null),
            _ => AnyValue(field, Scalar(valueField, x.Operator, x.Values)),
        };
    }

    /// <summary>Some value of a list field satisfies <paramref name="condition"/> (null: some non-empty value exists).</summary>
    private string AnyValue(SegmentField field, string? condition)
    {
        if (field.Shape == SegmentFieldShape.Emails)
        {
            return $"c.crm_id IN (SELECT e.contact_id FROM contact_emails e WHERE e.portal_id = @Portal{(condition is null ? "" : " AND " + condition)})";
        }

        // json_valid: a column that is not JSON reads as no fields (as CustomFieldsJson.Read does), never an error.
        var path = Parameter("$.\"" + field.CustomKey + "\"");
        return $"EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid({field.Sql}) THEN {field.Sql} END, {path}) j "
            + $"WHERE {condition ?? "j.value IS NOT NULL AND j.value <> ''"})";
    }

    private string Scalar(SegmentField field, SegmentOperator op, IReadOnlyList<SegmentLiteral> values)
    {
        var x = field.Sql;
        var condition = op switch
        {
            SegmentOperator.Equal => $"{x} = {Value(field, values[0])}",
            SegmentOperator.Less => $"{x} < {Value(field, values[0])}",
            SegmentOperator.LessOrEqual => $"{x} <= {Value(field, values[0])}",
            SegmentOperator.Greater => $"{x} > {Value(field, values[0])}",
            SegmentOperator.GreaterOrEqual => $"{x} >= {Value(field, values[0])}",
            SegmentOperator.Contains => $"instr({x}, {Value(field, values[0])}) > 0",
            SegmentOperator.StartsWith => StartsWith(field, values[0]),
            SegmentOperator.In => $"{x} IN ({string.Join(", ", values.Select(v => Value(field, v)))})",
            _ => throw new InvalidOperationException($"{op} is not a scalar comparison"),
        };
        return field.Nullable ? $"({x} IS NOT NULL AND {condition})" : $"({condition})";
    }

    private string StartsWith(SegmentField field, SegmentLiteral value)
    {
        var p = Value(field, value);
        return $"substr({field.Sql}, 1, length({p})) = {p}";
    }

    private static string Empty(SegmentField field) => (field.Type, field.Nullable) switch
    {
        (SegmentFieldType.Text, true) => $"({field.Sql} IS NULL OR {field.Sql} = '')",
        (SegmentFieldType.Text, false) => $"({field.Sql} = '')",
        (_, true) => $"({field.Sql} IS NULL)",
        _ => "(0)",
    };

    private string Engagement(SegmentExpression.Engagement x)
    {
        if (x.Kind is SegmentEngagement.Opened or SegmentEngagement.Clicked)
        {
            var kind = x.Kind == SegmentEngagement.Opened ? "open" : "click";
            var since = x.Since is { } s ? " AND h.at >= " + Parameter(UtcText.From(s.At(_now))) : "";
            return "c.crm_id IN (SELECT h.contact_id FROM engagement_hits h CROSS JOIN send_ledger l ON l.id = h.ledger_id CROSS JOIN send_keys k ON k.send_key = l.send_key "
                + $"WHERE h.kind = '{kind}' AND h.machine = 0{since} AND k.portal_id = @Portal)";
        }

        // From the scenario's name (UNIQUE per portal) through ix_scenario_enrollments_state to its active enrollments;
        // a deal enrollment's contact_id is the contact it mails (the deal's first contact).
        if (x.Kind == SegmentEngagement.InScenario)
        {
            return "c.crm_id IN (SELECT e.contact_id FROM scenarios s CROSS JOIN scenario_enrollments e ON e.scenario_id = s.id AND e.state = 'active' "
                + $"WHERE s.portal_id = @Portal AND s.name = {Parameter(x.List!)} AND e.contact_id IS NOT NULL)";
        }

        // Driven from the (small) bounce and suppression tables into the portal's addresses by ix_contact_emails_nocase:
        // probing every address of the portal instead cost 3 times as much on 100,000 contacts (scripts/bench-segments.sh).
        string[] matches = x.Kind switch
        {
            SegmentEngagement.HardBounced =>
            [
                "SELECT e.contact_id FROM bounce_events b CROSS JOIN contact_emails e ON e.portal_id = @Portal AND e.address = b.recipient COLLATE NOCASE WHERE b.kind = 'hard'",
                Suppressed("s.reason = 'hard_bounce'"),
            ],
            SegmentEngagement.Unsubscribed when x.List is { } list =>
            [
                Suppressed("s.reason = 'unsubscribed'"),
                $"SELECT e.contact_id FROM list_unsubscribes u CROSS JOIN contact_emails e ON e.portal_id = @Portal AND e.address = u.address COLLATE NOCASE WHERE u.list_key = {Parameter(list)}",
            ],
            SegmentEngagement.Unsubscribed => [Suppressed("s.reason = 'unsubscribed'")],
            _ => [Suppressed(null)],
        };
        return $"c.crm_id IN ({string.Join(" UNION ALL ", matches)})";
    }

    private static string Suppressed(string? reason) =>
        "SELECT e.contact_id FROM suppressions s CROSS JOIN contact_emails e ON e.portal_id = @Portal AND e.address = s.address COLLATE NOCASE"
        + (reason is null ? "" : " WHERE " + reason);

    private string Value(SegmentField field, SegmentLiteral literal) => Parameter(field.Type switch
    {
        SegmentFieldType.Text => literal.Text!,
        SegmentFieldType.Number => literal.Number is { } n && n == decimal.Truncate(n) && n >= long.MinValue && n <= long.MaxValue ? (long)n : (object)(double)literal.Number!.Value,
        _ => UtcText.From(literal.At(_now)),
    });

    /// <summary>A new parameter, named with letters only (@VA, @VB, … @VZ, @VBA …), holding <paramref name="value"/>.</summary>
    private string Parameter(object value)
    {
        var name = new StringBuilder();
        for (var n = _parameters.Count; ; n /= 26)
        {
            name.Insert(0, (char)('A' + (n % 26)));
            if (n < 26)
            {
                break;
            }
        }

        var key = "@V" + name;
        _parameters[key] = value;
        return key;
    }
}
