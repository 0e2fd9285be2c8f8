using System.Text.Json.Nodes;

namespace Connector.Reports;

/// <summary>The stable JSON of <c>crm-esp report</c> (snake_case; counts are whole numbers, ctor a fraction or null).</summary>
public static class ReportJson
{
    public static JsonObject SendKey(SendKeyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var json = new JsonObject
        {
            ["send_key"] = report.SendKey,
            ["name"] = report.Key?.Name,
            ["kind"] = report.Key?.Kind,
            ["deal_id"] = report.Key?.DealId,
            ["totals"] = Figures(report.Totals),
            ["by_domain"] = new JsonArray([.. report.ByDomain.Select(d => (JsonNode)Figures(d, d.Domain))]),
        };
        return json;
    }

    public static JsonObject Messages(string record, long id, string portal, IReadOnlyList<ReportMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return new JsonObject
        {
            ["portal"] = portal,
            [record + "_id"] = id,
            ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)Message(m))]),
        };
    }

    private static JsonObject Figures(ReportFigures f, string? domain = null)
    {
        var json = new JsonObject();
        if (domain is not null)
        {
            json["domain"] = domain;
        }

        json["messages"] = f.Messages;
        json["sent"] = f.Sent;
        json["delivered"] = f.Delivered;
        json["bounced"] = new JsonObject { ["hard"] = f.BouncedHard, ["soft"] = f.BouncedSoft, ["policy"] = f.BouncedPolicy };
        json["complaints"] = f.Complaints;
        json["unsubscribes"] = f.Unsubscribes;
        json["opens"] = Pair(f.HumanOpeners, f.HumanOpens, f.Openers, f.Opens);
        json["clicks"] = Pair(f.HumanClickers, f.HumanClicks, f.Clickers, f.Clicks);
        json["human_readers"] = f.HumanReaders;
        json["ctor"] = f.ClickToOpen is { } ctor ? Math.Round(ctor, 4) : null;
        return json;
    }

    private static JsonObject Pair(long humanUnique, long humanTotal, long rawUnique, long rawTotal) => new()
    {
        ["human"] = new JsonObject { ["unique"] = humanUnique, ["total"] = humanTotal },
        ["raw"] = new JsonObject { ["unique"] = rawUnique, ["total"] = rawTotal },
    };

    /// <summary>One message as the API's <c>GET /api/v1/messages/{id}</c> shows it: its state (status), the ledger's detail, its engagement.</summary>
    public static JsonObject MessageStatus(ReportMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var json = new JsonObject { ["id"] = message.Row.LedgerId, ["status"] = message.Row.State };
        foreach (var (name, value) in Message(message))
        {
            json[name] = value?.DeepClone();
        }

        json["reply_code"] = message.Row.ReplyCode;
        json["detail"] = message.Row.Detail;
        return json;
    }

    private static JsonObject Message(ReportMessage message)
    {
        var r = message.Row;
        return new JsonObject
        {
            ["ledger_id"] = r.LedgerId,
            ["send_key"] = r.SendKey,
            ["name"] = r.Name,
            ["recipient"] = r.Recipient,
            ["state"] = r.State,
            ["sent_at"] = r.SentAt,
            ["first_human_open_at"] = r.FirstHumanOpenAt,
            ["opens"] = new JsonObject { ["human"] = r.HumanOpens, ["raw"] = r.Opens },
            ["clicks"] = new JsonObject { ["human"] = r.HumanClicks, ["raw"] = r.Clicks },
            ["links"] = new JsonArray([.. message.Links.Select(l => (JsonNode)new JsonObject
            {
                ["url"] = l.Url, ["human"] = l.HumanClicks, ["raw"] = l.Clicks, ["first_human_click_at"] = l.FirstHumanClickAt,
            })]),
            ["bounce"] = r.Bounce,
            ["complaint"] = r.Complained,
            ["unsubscribed_at"] = r.UnsubscribedAt,
        };
    }
}
