using System.Text.Json;
using Connector.Segments;
using FsCheck;
using FsCheck.Fluent;

namespace Connector.Tests.Segments;

/// <summary>
/// FsCheck generators: random small mirrors (values drawn from small pools so conditions do match, with NULLs, empty
/// text, Cyrillic, quotes, case variants, unreadable custom JSON, a second portal's hits) and random segment trees over
/// every whitelisted field, operator and engagement condition.
/// </summary>
internal static class SegmentGenerators
{
    private static readonly string?[] Names = ["Anna", "anna", "Анна", "Bob", "", "x' OR 1=1 --", "Zoe", null];
    private static readonly string[] Emails = ["anna@example.org", "Anna@example.org", "bob@mail.ru", "o'brien@x.io", "boss@corp.com", "zoe@x.io"];
    private static readonly string?[] Instants = ["2026-06-15T11:00:00.0000000Z", "2026-06-10T00:00:00.0000000Z", "2026-05-01T00:00:00.0000000Z", "2025-01-01T00:00:00.0000000Z", null];
    private static readonly string[] CustomValues = ["Казань", "Moscow", "", "vip", "ads", "a'b"];
    private static readonly string[] CustomKeys = ["UF_CRM_CITY", "UF_CRM_TAGS", "UF_CRM_SRC"];
    private static readonly string?[] Amounts = [null, "", "0", "1500.00", "99.5", "-10", "7"];
    private static readonly string[] Texts =
    [
        "Anna", "anna", "Анна", "Bob", "", "x' OR 1=1 --", "an", "A", "Z", "Казань", "vip", "ads", "WON", "NEW", "C1:NEW", "Won", "Lost", "Новая", "won",
        "lost", "open", "Sales", "Партнёры", "RUB", "bob@mail.ru", "anna@example.org", "@x.io", "o'", "B", "Big",
    ];

    private static readonly decimal[] Numbers = [0m, 1m, 2m, 5m, 7m, 99.5m, 100m, 1500m, -10m];

    private static readonly SegmentField[] ContactFields =
        [.. SegmentFields.All.Where(f => f.Scope == SegmentScope.Contact && !f.Name.StartsWith("rfm.", StringComparison.Ordinal)), SegmentFields.Find("contact.custom.UF_CRM_CITY")!, SegmentFields.Find("contact.custom.UF_CRM_TAGS")!];

    private static readonly SegmentField[] DealFields = [.. SegmentFields.All.Where(f => f.Scope == SegmentScope.Deal), SegmentFields.Find("deal.custom.UF_CRM_SRC")!];

    public static Gen<MirrorModel> Mirror { get; } =
        from contacts in Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(Contact, n))
        from deals in Gen.Choose(0, 10).SelectMany(n => Gen.ArrayOf(Deal, n))
        from hits in Gen.Choose(0, 15).SelectMany(n => Gen.ArrayOf(Hit, n))
        from bounces in Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Gen.Zip(Gen.Elements(Emails.Concat(Emails.Select(e => e.ToUpperInvariant()))), Gen.Elements("hard", "soft", "policy", "complaint")), n))
        from suppressions in Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Gen.Zip(Gen.Elements(Emails.Concat(["BOB@MAIL.RU"])), Gen.Elements("unsubscribed", "hard_bounce", "soft_bounces", "complaint", "manual")), n))
        from lists in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Gen.Zip(Gen.Elements(Emails), Gen.Elements("Newsletter", "Promo")), n))
        from enrollments in Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(Enrollment, n))
        select new MirrorModel(
            contacts.Select((c, i) => c with { Id = i + 1 }).ToList(),
            deals.Select((d, i) => d with { Id = 100 + i }).ToList(),
            hits,
            bounces.Select(b => (b.Item1, b.Item2)).ToList(),
            suppressions.DistinctBy(s => s.Item1, StringComparer.Ordinal).Select(s => (s.Item1, s.Item2)).ToList(),
            lists.DistinctBy(l => (l.Item1.ToLowerInvariant(), l.Item2)).Select(l => (l.Item1, l.Item2)).ToList())
        {
            Enrollments = enrollments,
        };

    public static Gen<SegmentExpression> Expression { get; } = Gen.Sized(size => Tree(Math.Min(size / 20, 3), inDeal: false));

    private static Gen<MirrorModel.Contact> Contact =>
        from name in Gen.Elements(Names)
        from last in Gen.Elements(Names)
        from assigned in Gen.Elements<long?>(null, 1, 7)
        from created in Gen.Elements(Instants)
        from modified in Gen.Elements(Instants)
        from deleted in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
        from custom in CustomJson
        from emails in Gen.SubListOf(Emails)
        select new MirrorModel.Contact(0, name, null, last, assigned, created, modified, deleted, custom, emails.ToList());

    private static Gen<MirrorModel.Deal> Deal =>
        from stage in Gen.Elements(MirrorModel.Stages.Select(s => (s.Id, s.Pipeline)).Append(("C2:GHOST", 2L)))
        from semantic in Gen.Elements<string?>("P", "S", "F", null)
        from amount in Gen.Elements(Amounts)
        from title in Gen.Elements<string?>("Big", "", null)
        from currency in Gen.Elements<string?>("RUB", null)
        from created in Gen.Elements(Instants)
        from moved in Gen.Elements(Instants)
        from deleted in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
        from custom in CustomJson
        from contacts in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 13).Select(x => (long)x), n))
        select new MirrorModel.Deal(0, title, stage.Item1, stage.Item2, semantic, amount, currency, null, created, null, moved, deleted, custom, contacts.Distinct().ToList());

    // Contact ids 1..12 as the contacts get them, so enrollments do meet contacts; portal 2's are decoys.
    private static Gen<MirrorModel.Enrollment> Enrollment =>
        from contact in Gen.Choose(1, 12)
        from scenario in Gen.Elements(MirrorModel.Scenarios)
        from state in Gen.Elements("active", "active", "completed", "exited")
        from portal in Gen.Frequency((4, Gen.Constant(1)), (1, Gen.Constant(2)))
        select new MirrorModel.Enrollment(contact, scenario, state, portal);

    private static Gen<MirrorModel.Hit> Hit =>
        from contact in Gen.Choose(1, 13)
        from kind in Gen.Elements("open", "click", "unsubscribe")
        from machine in Gen.Elements(false, true)
        from at in Gen.Elements(Instants.OfType<string>())
        from portal in Gen.Frequency((4, Gen.Constant(1)), (1, Gen.Constant(2)))
        select new MirrorModel.Hit(contact, kind, machine, at, portal);

    private static Gen<string?> CustomJson => Gen.Frequency(
        (2, Gen.Constant<string?>(null)),
        (1, Gen.Constant<string?>("{oops")),
        (5, Gen.SubListOf(CustomKeys).SelectMany(keys => Gen.CollectToArray(keys, key => Gen.SubListOf(CustomValues).Select(v => (key, v.ToArray()))))
            .Select(pairs => (string?)JsonSerializer.Serialize(pairs.ToDictionary(p => p.key, p => p.Item2)))));

    private static Gen<SegmentExpression> Tree(int depth, bool inDeal)
    {
        var leaf = inDeal ? Comparison(DealFields, inDeal) : Gen.Frequency((6, Comparison([.. ContactFields, .. DealFields], inDeal)), (2, Engagement), (1, AnyDeal(depth)));
        if (depth == 0)
        {
            return leaf;
        }

        var sub = Tree(depth - 1, inDeal);
        return Gen.Frequency(
            (3, leaf),
            (2, Gen.Zip(sub, sub).Select(p => (SegmentExpression)new SegmentExpression.Both(p.Item1, p.Item2))),
            (2, Gen.Zip(sub, sub).Select(p => (SegmentExpression)new SegmentExpression.Either(p.Item1, p.Item2))),
            (1, sub.Select(x => (SegmentExpression)new SegmentExpression.Negated(x, 1))));
    }

    private static Gen<SegmentExpression> AnyDeal(int depth) => Tree(Math.Min(depth, 1), inDeal: true).Select(x => (SegmentExpression)new SegmentExpression.AnyDeal(x, 1));

    private static Gen<SegmentExpression> Comparison(SegmentField[] fields, bool inDeal) =>
        from field in Gen.Elements(fields)
        from op in Gen.Elements(field.Operators.ToArray())
        from values in op switch
        {
            SegmentOperator.IsEmpty or SegmentOperator.IsNotEmpty => Gen.Constant(Array.Empty<SegmentLiteral>()),
            SegmentOperator.In or SegmentOperator.NotIn => Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Literal(field.Type), n)),
            _ => Literal(field.Type).Select(l => new[] { l }),
        }
        select field.Scope == SegmentScope.Deal && !inDeal
            ? (SegmentExpression)new SegmentExpression.AnyDeal(new SegmentExpression.Compare(field, op, values, 1), 1)
            : new SegmentExpression.Compare(field, op, values, 1);

    private static Gen<SegmentLiteral> Literal(SegmentFieldType type) => type switch
    {
        SegmentFieldType.Text => Gen.Elements(Texts).Select(t => new SegmentLiteral { Type = type, Text = t, Column = 1 }),
        SegmentFieldType.Number => Gen.Elements(Numbers).Select(n => new SegmentLiteral { Type = type, Number = n, Column = 1 }),
        _ => Gen.OneOf(
            Gen.Elements(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 15, 0, 0, 0, TimeSpan.Zero))
                .Select(d => new SegmentLiteral { Type = type, Date = d, Column = 1 }),
            Gen.Elements(1, 5, 30, 400).Select(days => new SegmentLiteral { Type = type, Ago = TimeSpan.FromDays(days), Column = 1 }),
            Gen.Elements(true, false).Select(today => new SegmentLiteral { Type = type, StartOfDay = today, Ago = TimeSpan.Zero, Column = 1 })),
    };

    private static Gen<SegmentExpression> Engagement => Gen.OneOf(
        from kind in Gen.Elements(SegmentEngagement.Opened, SegmentEngagement.Clicked)
        from days in Gen.Elements<int?>(null, 1, 7, 60, 800)
        select (SegmentExpression)new SegmentExpression.Engagement(kind, days is { } d ? new SegmentLiteral { Type = SegmentFieldType.Date, Ago = TimeSpan.FromDays(d), Column = 1 } : null, null, 1),
        Gen.Elements<string?>(null, "Newsletter", "Promo").Select(list => (SegmentExpression)new SegmentExpression.Engagement(SegmentEngagement.Unsubscribed, null, list, 1)),
        Gen.Elements(SegmentEngagement.HardBounced, SegmentEngagement.Suppressed).Select(kind => (SegmentExpression)new SegmentExpression.Engagement(kind, null, null, 1)),
        Gen.Elements(MirrorModel.Scenarios).Select(name => (SegmentExpression)new SegmentExpression.Engagement(SegmentEngagement.InScenario, null, name, 1)));
}
