using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Connector.Sandbox.Portal;

/// <summary>
/// <c>GET /sandbox/portal</c>: a small page that looks like a Bitrix24 portal, so the product can be seen as a sales
/// manager or an admin sees it without a Bitrix24 account. It shows a deal card or a contact card (real sandbox records,
/// chosen with <c>?deal=ID</c> / <c>?contact=ID</c> or the picker) with the app's tab, or the app's own page
/// (<c>LEFT_MENU</c>), each in a frame named <c>DOMAIN|PROTOCOL|APP_SID</c> as Bitrix24 names it, into which the page
/// POSTs the real placement form (<see cref="SandboxPortal.PlacementForm"/>: fresh tokens of the chosen viewer, no
/// APPLICATION_TOKEN, as the docs' widget field list has none), so the connector's real handler, its verification and
/// the frame SDK run. The page answers the frame SDK's messages (<see cref="SandboxPortalScript"/>). <c>?user=</c> picks
/// the viewer (1 the admin, 7 a manager), <c>?lang=ru|en</c> the portal language. Mapped only with the sandbox, that
/// is only when no CRM is configured; it needs no login, like the rest of the sandbox.
/// </summary>
public static class SandboxPortalPage
{
    public const string Route = "/sandbox/portal";
    public const string DealTab = "CRM_DEAL_DETAIL_TAB";
    public const string ContactTab = "CRM_CONTACT_DETAIL_TAB";
    public const string AppPage = "LEFT_MENU";
    public const string FrameId = "app-frame";
    private const string HtmlType = "text/html; charset=utf-8";
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static IEndpointRouteBuilder MapSandboxPortal(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, Render).ExcludeFromDescription();
        return app;
    }

    public static IResult Render(HttpContext context, SandboxPortal portal)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(portal);
        portal.LearnBaseUrl(context.Request);
        var query = context.Request.Query;
        var lang = string.Equals(query["lang"], "en", StringComparison.OrdinalIgnoreCase) ? "en" : "ru";
        var view = query["view"].ToString() is "contact" or "app" ? query["view"].ToString() : "deal";
        var viewer = long.TryParse(query["user"], NumberStyles.None, CultureInfo.InvariantCulture, out var u) && portal.UserById(u) is { } chosen
            ? chosen
            : portal.UserById(portal.Options.WebhookUserId) ?? portal.Users[0];
        var deals = portal.Deals;
        var contacts = portal.Contacts;
        var deal = Pick(query["deal"], deals, d => d.Id) ?? deals.FirstOrDefault(d => d.ContactIds.Count > 0) ?? (deals.Count > 0 ? deals[0] : null);
        var contact = Pick(query["contact"], contacts, c => c.Id)
            ?? contacts.FirstOrDefault(c => deal is not null && deal.ContactIds.Contains(c.Id))
            ?? contacts.FirstOrDefault(c => c.Emails.Count > 0) ?? (contacts.Count > 0 ? contacts[0] : null);
        var state = new PageState(view, lang, viewer, deal, contact, portal.Users);

        context.Response.Headers.CacheControl = "no-store";
        SandboxPlacementForm form;
        try
        {
            (string? placement, long? entity) = view switch
            {
                "deal" when deal is not null => ((string?)DealTab, (long?)deal.Id),
                "contact" when contact is not null => (ContactTab, contact.Id),
                "deal" or "contact" => (null, null),
                _ => (AppPage, null),
            };
            if (placement is null)
            {
                return Results.Content(Shell(state, T(lang, "The sandbox has no such records.", "В песочнице нет таких записей."), "", ""), HtmlType);
            }

            form = portal.PlacementForm(placement, entity, withApplicationToken: false, viewer.Id, lang);
        }
        catch (InvalidOperationException)
        {
            // serve installs the app into the sandbox just after it starts; widgets stay hidden until then.
            context.Response.Headers["Refresh"] = "2";
            return Results.Content(
                Shell(state, T(lang, "The app is being installed into the sandbox portal; this page reloads in a moment.", "Приложение устанавливается на портал-песочницу; страница обновится через мгновение."), "", ""),
                HtmlType, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var frameName = $"{context.Request.Host.Value}|{(context.Request.IsHttps ? "1" : "0")}|{form.AppSid}";
        var frames = new JsonArray { FrameData(form, frameName, context.Request, view) };
        var body = view switch
        {
            "deal" => DealCard(portal, state, deal!, frameName),
            "contact" => ContactCard(portal, state, contact!, frameName),
            _ => AppFrame(state, frameName),
        };
        return Results.Content(Shell(state, null, body, PlacementFormHtml(form, frameName) + FramesScript(frames)), HtmlType);
    }

    private static T? Pick<T>(string? text, IReadOnlyList<T> items, Func<T, long> id)
        where T : class =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var wanted) ? items.FirstOrDefault(i => id(i) == wanted) : null;

    /// <summary>What getInitData answers for this frame: the posted form's values (b24jssdk's MessageInitData).</summary>
    private static JsonObject FrameData(SandboxPlacementForm form, string frameName, HttpRequest request, string view)
    {
        var options = new JsonObject();
        if (form.EntityId is { } id)
        {
            options["ID"] = id.ToString(CultureInfo.InvariantCulture);
        }

        var domain = frameName.Split('|')[0];
        var path = view switch
        {
            "deal" => $"/crm/deal/details/{form.EntityId}/",
            "contact" => $"/crm/contact/details/{form.EntityId}/",
            _ => "/marketplace/app/crmespbridge/",
        };
        return new JsonObject
        {
            ["frameId"] = FrameId,
            ["titleId"] = "frame-title",
            ["appSid"] = form.AppSid,
            ["appOrigin"] = form.Target.GetLeftPart(UriPartial.Authority),
            ["init"] = new JsonObject
            {
                ["DOMAIN"] = domain,
                ["PROTOCOL"] = request.IsHttps ? "1" : "0",
                ["PATH"] = path,
                ["LANG"] = form.Language,
                ["AUTH_ID"] = form.AuthId,
                ["AUTH_EXPIRES"] = form.ExpiresIn.ToString(CultureInfo.InvariantCulture),
                ["REFRESH_ID"] = form.RefreshId,
                ["MEMBER_ID"] = form.Fields.First(f => f.Key == "member_id").Value,
                ["IS_ADMIN"] = form.IsAdmin,
                ["PLACEMENT"] = form.Placement,
                ["PLACEMENT_OPTIONS"] = options,
                ["INSTALL"] = false,
                ["FIRST_RUN"] = false,
            },
        };
    }

    private static string PlacementFormHtml(SandboxPlacementForm form, string frameName)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<form data-placement method=\"post\" action=\"{Enc(form.Target.AbsoluteUri)}\" target=\"{Enc(frameName)}\" hidden>");
        foreach (var (key, value) in form.Fields)
        {
            html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{Enc(key)}\" value=\"{Enc(value)}\">");
        }

        return html.Append("</form>").ToString();
    }

    private static string FramesScript(JsonArray frames) =>
        $"<script type=\"application/json\" id=\"sandbox-frames\">{frames.ToJsonString(Json)}</script><script>{SandboxPortalScript.Source}</script>";

    private static string Frame(string frameName, string title, int height) =>
        $"<iframe id=\"{FrameId}\" name=\"{Enc(frameName)}\" title=\"{Enc(title)}\" class=\"app-frame\" style=\"height:{height.ToString(CultureInfo.InvariantCulture)}px\"></iframe>";

    private static string DealCard(SandboxPortal portal, PageState state, SandboxDeal deal, string frameName)
    {
        var lang = state.Lang;
        var stage = portal.Stages.FirstOrDefault(s => s.CategoryId == deal.CategoryId && string.Equals(s.StatusId, deal.StageId, StringComparison.Ordinal));
        var stages = portal.Stages.Where(s => s.CategoryId == deal.CategoryId).OrderBy(s => s.Sort).ToList();
        var contacts = portal.Contacts.Where(c => deal.ContactIds.Contains(c.Id)).ToList();
        var culture = CultureInfo.GetCultureInfo(lang == "ru" ? "ru-RU" : "en-US");
        var fields = new StringBuilder();
        Field(fields, T(lang, "Stage", "Стадия"), stage?.Name ?? deal.StageId);
        Field(fields, T(lang, "Amount", "Сумма"), $"{deal.Opportunity.ToString("N2", culture)} {deal.CurrencyId}");
        Field(fields, T(lang, "Responsible", "Ответственный"), UserName(portal, deal.AssignedById));
        fields.Append(CultureInfo.InvariantCulture, $"<dt>{Enc(T(lang, "Contacts", "Контакты"))}</dt><dd>");
        fields.Append(contacts.Count == 0 ? "—" : string.Join(", ", contacts.Select(c => $"<a href=\"{Enc(Link(state with { View = "contact", Contact = c }))}\">{Enc(ContactName(c))}</a>")));
        fields.Append("</dd>");
        var progress = string.Concat(stages.Select(s =>
            $"<li class=\"{(s.Sort <= (stage?.Sort ?? -1) ? "done" : "")}\" style=\"--stage:{Enc(s.Color)}\">{Enc(s.Name)}</li>"));
        var picker = Picker(state, "deal", T(lang, "Deal", "Сделка"), portal.Deals.Take(50).Select(d => (d.Id, d.Title)), deal.Id);
        return Card(state, T(lang, "Deal", "Сделка"), deal.Title, picker, $"<ol class=\"stages\" aria-label=\"{Enc(T(lang, "Stages", "Стадии"))}\">{progress}</ol>",
            fields.ToString(), frameName, T(lang, "CrmEspBridge tab of the deal", "Вкладка CrmEspBridge сделки"));
    }

    private static string ContactCard(SandboxPortal portal, PageState state, SandboxContact contact, string frameName)
    {
        var lang = state.Lang;
        var fields = new StringBuilder();
        Field(fields, T(lang, "E-mail", "E-mail"), contact.Emails.Count == 0 ? "—" : string.Join(", ", contact.Emails.Select(e => e.Value)));
        Field(fields, T(lang, "Responsible", "Ответственный"), UserName(portal, contact.AssignedById));
        var deals = portal.Deals.Where(d => d.ContactIds.Contains(contact.Id)).Take(10).ToList();
        fields.Append(CultureInfo.InvariantCulture, $"<dt>{Enc(T(lang, "Deals", "Сделки"))}</dt><dd>");
        fields.Append(deals.Count == 0 ? "—" : string.Join(", ", deals.Select(d => $"<a href=\"{Enc(Link(state with { View = "deal", Deal = d }))}\">{Enc(d.Title)}</a>")));
        fields.Append("</dd>");
        var picker = Picker(state, "contact", T(lang, "Contact", "Контакт"), portal.Contacts.Take(50).Select(c => (c.Id, ContactName(c))), contact.Id);
        return Card(state, T(lang, "Contact", "Контакт"), ContactName(contact), picker, "", fields.ToString(), frameName,
            T(lang, "CrmEspBridge tab of the contact", "Вкладка CrmEspBridge контакта"));
    }

    private static string Card(PageState state, string kind, string title, string picker, string progress, string fields, string frameName, string frameTitle)
    {
        var lang = state.Lang;
        return $"""
            <div class="card-head">
              <div><p class="kind">{Enc(kind)}</p><h1 id="frame-title">{Enc(title)}</h1></div>
              {picker}
            </div>
            {progress}
            <div class="card">
              <div class="card-tabs" role="tablist">
                <button type="button" role="tab" data-card-tab aria-selected="false" aria-controls="panel-general">{Enc(T(lang, "General", "Общие"))}</button>
                <button type="button" role="tab" data-card-tab aria-selected="true" aria-controls="panel-app">{Enc(T(lang, "E-mail marketing", "E-mail маркетинг"))}</button>
              </div>
              <section id="panel-general" data-card-panel hidden><dl class="fields">{fields}</dl></section>
              <section id="panel-app" data-card-panel>{Frame(frameName, frameTitle, 300)}</section>
            </div>
            """;
    }

    private static string AppFrame(PageState state, string frameName) =>
        $"""
        <div class="card-head"><div><p class="kind">{Enc(T(state.Lang, "Application", "Приложение"))}</p><h1 id="frame-title">CrmEspBridge</h1></div></div>
        <div class="card app">{Frame(frameName, T(state.Lang, "CrmEspBridge app", "Приложение CrmEspBridge"), 700)}</div>
        """;

    private static string Picker(PageState state, string name, string label, IEnumerable<(long Id, string Title)> items, long selected)
    {
        var options = string.Concat(items.Select(i =>
            $"<option value=\"{i.Id.ToString(CultureInfo.InvariantCulture)}\"{(i.Id == selected ? " selected" : "")}>{Enc(i.Title)}</option>"));
        return $"""
            <form method="get" action="{Route}" class="picker">
              {Hidden(state, name)}
              <label>{Enc(label)} <select name="{name}" data-autosubmit>{options}</select></label>
              <button type="submit">{Enc(T(state.Lang, "Open", "Открыть"))}</button>
            </form>
            """;
    }

    private static string Shell(PageState state, string? message, string body, string scripts)
    {
        var lang = state.Lang;
        var users = string.Concat(state.PortalUsers.Select(u =>
            $"<option value=\"{u.Id.ToString(CultureInfo.InvariantCulture)}\"{(u.Id == state.Viewer.Id ? " selected" : "")}>{Enc($"{u.Name} {u.LastName}")} ({Enc(u.IsAdmin ? T(lang, "admin", "администратор") : T(lang, "manager", "менеджер"))})</option>"));
        var menu = string.Concat(new[] { ("deal", T(lang, "Deals", "Сделки")), ("contact", T(lang, "Contacts", "Контакты")), ("app", "CrmEspBridge") }.Select(m =>
            $"<li><a href=\"{Enc(Link(state with { View = m.Item1 }))}\"{(m.Item1 == state.View ? " aria-current=\"page\"" : "")}>{Enc(m.Item2)}</a></li>"));
        var notice = message is null ? "" : $"<p class=\"notice\" role=\"status\">{Enc(message)}</p>";
        return $$"""
            <!DOCTYPE html>
            <html lang="{{lang}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{Enc(T(lang, "Sandbox portal — CrmEspBridge", "Портал-песочница — CrmEspBridge"))}}</title>
            <style>{{Styles}}</style>
            </head>
            <body>
            <header class="top">
              <span class="logo">Битрикс<b>24</b> <small>{{Enc(T(lang, "sandbox", "песочница"))}}</small></span>
              <form method="get" action="{{Route}}" class="switch">
                {{Hidden(state, "user", "lang")}}
                <label>{{Enc(T(lang, "Viewer", "Пользователь"))}} <select name="user" data-autosubmit>{{users}}</select></label>
                <label>{{Enc(T(lang, "Language", "Язык"))}} <select name="lang" data-autosubmit><option value="ru"{{(lang == "ru" ? " selected" : "")}}>Русский</option><option value="en"{{(lang == "en" ? " selected" : "")}}>English</option></select></label>
                <button type="submit">{{Enc(T(lang, "Apply", "Применить"))}}</button>
              </form>
            </header>
            <div class="layout">
              <nav class="menu" aria-label="{{Enc(T(lang, "Portal menu", "Меню портала"))}}"><ul>{{menu}}</ul></nav>
              <main class="work">{{notice}}{{body}}
                <details class="log"><summary>{{Enc(T(lang, "Frame messages", "Сообщения фрейма"))}}</summary><ul id="sandbox-log"></ul></details>
              </main>
            </div>
            {{scripts}}
            </body>
            </html>
            """;
    }

    private const string Styles = """
        *{box-sizing:border-box}body{margin:0;font:14px/1.4 "Open Sans",Arial,sans-serif;color:#333;background:#eef2f4}
        .top{display:flex;align-items:center;justify-content:space-between;gap:16px;height:56px;padding:0 20px;background:#2fc6f6;color:#fff}
        .logo{font-size:20px;font-weight:600}.logo b{color:#fff;font-weight:700}.logo small{font-size:12px;opacity:.85;margin-left:6px}
        .switch,.picker{display:flex;gap:10px;align-items:center}.switch label{color:#fff}
        select,button{font:inherit;padding:4px 8px;border:1px solid #c6cdd3;border-radius:6px;background:#fff;color:#333}
        .layout{display:flex;min-height:calc(100vh - 56px)}
        .menu{width:220px;flex:none;background:#1f2c3a}.menu ul{list-style:none;margin:0;padding:12px 0}
        .menu a{display:block;padding:9px 20px;color:#e4e9ee;text-decoration:none}.menu a[aria-current]{background:#3a4a5c;color:#fff;font-weight:600}
        .work{flex:1;min-width:0;padding:20px 24px}
        .card-head{display:flex;justify-content:space-between;align-items:flex-end;gap:16px;margin-bottom:12px}
        .card-head h1{margin:0;font-size:24px;font-weight:400}.kind{margin:0;color:#535c69;font-size:12px;text-transform:uppercase}
        .stages{display:flex;list-style:none;margin:0 0 12px;padding:0;gap:2px}.stages li{flex:1;padding:6px 8px;background:#dfe3e6;font-size:12px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
        .stages li.done{background:var(--stage,#2fc6f6);color:#fff;text-shadow:0 0 2px #0008}
        .card{background:#fff;border-radius:12px;overflow:hidden}.card.app{padding:0}
        .card-tabs{display:flex;gap:4px;padding:8px 12px 0;border-bottom:1px solid #e1e5e8}
        .card-tabs button{border:0;border-bottom:3px solid transparent;border-radius:0;padding:8px 12px;background:none;color:#535c69}
        .card-tabs button[aria-selected=true]{border-bottom-color:#2fc6f6;color:#333;font-weight:600}
        .fields{display:grid;grid-template-columns:160px 1fr;gap:8px 16px;margin:0;padding:16px 20px}.fields dt{color:#6a737f}.fields dd{margin:0}
        .app-frame{display:block;width:100%;border:0}
        .notice{padding:12px 16px;background:#fff8d6;border-radius:8px}
        .log{margin-top:16px;color:#535c69;font-size:12px}
        """;

    private static void Field(StringBuilder html, string label, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<dt>{Enc(label)}</dt><dd>{Enc(value)}</dd>");

    private static string Hidden(PageState state, params string[] except)
    {
        var values = new List<(string, string)> { ("view", state.View), ("user", state.Viewer.Id.ToString(CultureInfo.InvariantCulture)), ("lang", state.Lang) };
        if (state.Deal is { } d)
        {
            values.Add(("deal", d.Id.ToString(CultureInfo.InvariantCulture)));
        }

        if (state.Contact is { } c)
        {
            values.Add(("contact", c.Id.ToString(CultureInfo.InvariantCulture)));
        }

        return string.Concat(values.Where(v => !except.Contains(v.Item1)).Select(v => $"<input type=\"hidden\" name=\"{v.Item1}\" value=\"{Enc(v.Item2)}\">"));
    }

    /// <summary>The page's URL for <paramref name="state"/> (view, viewer, language and records).</summary>
    public static string Link(PageState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var query = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{Route}?view={state.View}&user={state.Viewer.Id}&lang={state.Lang}");
        if (state.Deal is { } d)
        {
            query.Append(CultureInfo.InvariantCulture, $"&deal={d.Id}");
        }

        if (state.Contact is { } c)
        {
            query.Append(CultureInfo.InvariantCulture, $"&contact={c.Id}");
        }

        return query.ToString();
    }

    private static string UserName(SandboxPortal portal, long id) => portal.UserById(id) is { } user ? $"{user.Name} {user.LastName}" : $"#{id}";

    private static string ContactName(SandboxContact contact) => $"{contact.Name} {contact.LastName}".Trim();

    private static string T(string lang, string en, string ru) => lang == "ru" ? ru : en;

    private static string Enc(string text) => WebUtility.HtmlEncode(text);
}
