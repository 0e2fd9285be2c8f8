using System.Globalization;
using Spectre.Console;

namespace Connector.Reports;

/// <summary>The human-readable tables of <c>crm-esp report</c>.</summary>
public static class ReportText
{
    public static void SendKey(IAnsiConsole console, SendKeyReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var title = report.Key is { } key ? $"{report.SendKey}: {key.Name} ({key.Kind}{(key.DealId is { } deal ? $", deal {N(deal)}" : "")})" : report.SendKey;
        console.WriteLine(title);
        // Figures down, domains across (all first): a report reads down one column.
        var columns = report.ByDomain.Prepend(report.Totals with { Domain = "all" }).ToList();
        var table = new Table().AddColumn("figure");
        foreach (var c in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(DisplayDomain.Of(c.Domain))).RightAligned());
        }

        (string Name, Func<ReportFigures, string> Value)[] rows =
        [
            ("messages", f => N(f.Messages)), ("sent", f => N(f.Sent)), ("delivered", f => N(f.Delivered)),
            ("bounced hard", f => N(f.BouncedHard)), ("bounced soft", f => N(f.BouncedSoft)), ("bounced policy", f => N(f.BouncedPolicy)),
            ("complaints", f => N(f.Complaints)), ("unsubscribes", f => N(f.Unsubscribes)),
            ("opens human unique", f => N(f.HumanOpeners)), ("opens human total", f => N(f.HumanOpens)),
            ("opens raw unique", f => N(f.Openers)), ("opens raw total", f => N(f.Opens)),
            ("clicks human unique", f => N(f.HumanClickers)), ("clicks human total", f => N(f.HumanClicks)),
            ("clicks raw unique", f => N(f.Clickers)), ("clicks raw total", f => N(f.Clicks)),
            ("read by a human (open or click)", f => N(f.HumanReaders)),
            ("CTOR (human)", f => f.ClickToOpen is { } ctor ? (ctor * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—"),
        ];
        foreach (var (name, value) in rows)
        {
            table.AddRow([name, .. columns.Select(value)]);
        }

        console.Write(table);
    }

    public static void Messages(IAnsiConsole console, IReadOnlyList<ReportMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(messages);
        var table = new Table().AddColumns("id", "send key", "recipient", "state", "sent (UTC)", "1st human open", "opens h/raw", "clicks h/raw per link", "bounce", "unsubscribed");
        foreach (var m in messages)
        {
            var r = m.Row;
            var links = m.Links.Count == 0 ? "—" : string.Join("\n", m.Links.Select(l => $"{N(l.HumanClicks)}/{N(l.Clicks)} {l.Url}"));
            var bounce = (r.Bounce, r.Complained) switch
            {
                (null, false) => "—",
                (null, true) => "complaint",
                ({ } b, false) => b,
                ({ } b, true) => b + ", complaint",
            };
            table.AddRow(N(r.LedgerId), Markup.Escape(r.SendKey), Markup.Escape(DisplayDomain.Of(r.Recipient)), r.State, Instant(r.SentAt),
                Instant(r.FirstHumanOpenAt), $"{N(r.HumanOpens)}/{N(r.Opens)}", Markup.Escape(links), bounce, Instant(r.UnsubscribedAt));
        }

        console.Write(table);
        console.WriteLine($"{N(messages.Count)} messages");
    }

    // UTC ISO-8601 text to the second: 2026-12-03 16:32:34.
    private static string Instant(string? text) => text is null ? "—" : Markup.Escape(text.Length >= 19 ? text[..19].Replace('T', ' ') : text);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
