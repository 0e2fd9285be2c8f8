using Connector.Templates;

namespace Connector.Tests.Templates;

/// <summary>
/// The cases of <see cref="DifferentialTests"/>: the shipped templates and a set of Liquid snippets, each rendered with a
/// few contacts. Their DotLiquid output was recorded in <c>Differential/dotliquid.json</c> before templates moved to
/// Fluid (commit 842257c's engine); Fluid must render each of them the same.
/// </summary>
internal static class DifferentialCases
{
    public static readonly string[] Snippets =
    [
        "{{ contact.name }} {{ contact.last_name }} {{ contact.full_name }} {{ contact.email }}",
        "{{ contact.id }}|{{ deal.id }}|{{ deal.amount }}|{{ deal.closed }}|{{ deal.won }}|{{ deal.currency }}",
        "{{ contact.second_name }}|{{ contact.second_name | default: \"-\" }}|{{ contact.name | default: \"коллега\" }}",
        "{{ deal.amount | money: deal.currency }}|{{ deal.amount | money: \"USD\" }}|{{ deal.amount | money }}|{{ deal.amount | money: \"XYZ\" }}",
        "{{ contact.name | money: \"RUB\" | default: \"—\" }}|{{ contact.second_name | money: \"RUB\" | default: \"—\" }}",
        "{{ \"2026-11-22\" | local_date }}|{{ \"2026-11-22T10:30:00Z\" | local_date: \"dd.MM.yyyy HH:mm\" }}|{{ \"garbage\" | local_date | default: \"скоро\" }}",
        "{{ contact.fields.UF_CRM_CITY }}|{{ contact.fields.UF_CRM_CITY | upcase }}|{{ contact.fields.UF_CRM_CITY | downcase }}|{{ contact.fields.UF_CRM_CITY | size }}",
        "{{ deal.fields.UF_CRM_PROMO_CODE | default: \"нет\" }}|{{ deal.fields.UF_CRM_1721244482250 | local_date }}",
        "{% for d in deals %}{{ forloop.index }}:{{ d.title }}{% if forloop.last %}.{% else %}, {% endif %}{% endfor %}",
        "{% for d in contact.deals reversed %}{{ d.id }} {% endfor %}|{% for d in deals limit: 1 %}{{ d.id }}{% endfor %}|{% for d in deals offset: 1 %}{{ d.id }}{% endfor %}",
        "{% for d in deals %}{{ forloop.index0 }}{{ forloop.rindex }}{{ forloop.first }}{{ forloop.length }} {% endfor %}",
        "{% for i in (1..5) %}{{ i }}{% endfor %}|{% for i in (3..1) %}{{ i }}{% else %}empty{% endfor %}",
        "{% if deal.closed %}closed{% elsif deal.won %}won{% else %}open{% endif %}|{% unless deal.closed %}not closed{% endunless %}",
        "{% case deal.stage %}{% when \"NEW\" %}новая{% when \"WON\", \"LOSE\" %}финал{% else %}другая{% endcase %}",
        "{% if contact.name == \"Анна\" and deal.amount > 1000 %}big{% endif %}|{% if contact.name != \"Анна\" or deal.amount < 10 %}x{% endif %}",
        "{% if contact.email contains \"@example\" %}ours{% endif %}|{% if deals.size > 1 %}many{% endif %}|{% if contact.second_name %}sn{% else %}nosn{% endif %}",
        "{% if contact.second_name == empty %}e{% endif %}|{% if contact.name == blank %}b{% endif %}|{% if contact.second_name == nil %}n{% endif %}",
        "{% assign n = contact.name | upcase %}{{ n }}|{% capture greeting %}Привет, {{ contact.name }}!{% endcapture %}{{ greeting }}",
        "{{ deals.size }}|{{ deals.first.title }}|{{ deals.last.title }}|{{ deals[1].title }}|{{ contact.deals.first.amount }}",
        "{{ contact.name | append: \"!\" | prepend: \"¡\" }}|{{ contact.full_name | replace: \" \", \"_\" }}|{{ contact.full_name | split: \" \" | first }}",
        "{{ contact.full_name | truncate: 8 }}|{{ contact.full_name | truncatewords: 1 }}|{{ contact.name | slice: 0, 2 }}|{{ \"  x  \" | strip }}|",
        "{{ \"<b>x</b> & y\" | strip_html }}|{{ \"<b>x</b>\" | escape }}|{{ contact.fields.UF_CRM_CITY | escape }}|{{ \"a\nb\" | newline_to_br }}",
        "{{ deal.amount | plus: 1 }}|{{ deal.amount | minus: 0.5 }}|{{ deal.amount | times: 2 }}|{{ deal.amount | divided_by: 4 }}|{{ 7 | divided_by: 2 }}|{{ 7 | modulo: 3 }}",
        "{{ deal.amount | round }}|{{ deal.amount | ceil }}|{{ deal.amount | floor }}|{{ 3.14159 | round: 2 }}|{{ -3 | abs }}",
        "{{ deals | map: \"title\" | join: \", \" }}|{{ deals | size }}|{{ \"c,a,b\" | split: \",\" | sort | join: \"\" }}|{{ contact.name | capitalize }}",
        "{{ contact.email | url_encode }}|{{ contact.full_name | remove: \"а\" }}|{{ contact.full_name | remove_first: \"а\" }}|{{ contact.name | reverse }}",
        "{%- if true -%}  trimmed  {%- endif -%}|{{- contact.name -}}  |  {{ 'single quotes' }}",
        "{% raw %}{{ contact.name }}{% endraw %}|{% comment %}{{ contact.email }}{% endcomment %}|{{ unsubscribe_url }}",
        "{{ sender.name }}|{{ sender.address }}|{{ sender.company | default: \"магазин\" }}|{{ sender.postal_address }}|{{ sender.website }}",
        "{{ subject }}|{{ contact.locale }}|{{ deal.stage_name }}|{{ deal.pipeline }}",
        "{{ deal.title | size }}|{{ deal.title | first }}|{{ contact.name | last }}|{{ contact.fields.UF_CRM_CITY | strip_newlines }}",
        "{{ nil | default: 1 }}|{{ false | default: \"f\" }}|{{ 0 | default: \"z\" }}|{{ \"\" | default: \"s\" }}",
        "{% assign total = 0 %}{% for d in deals %}{% assign total = total | plus: d.amount %}{% endfor %}{{ total }}",
        "{% for d in deals %}{% if d.closed %}{% continue %}{% endif %}{{ d.id }}{% if forloop.index == 1 %}{% break %}{% endif %}{% endfor %}",
        "{{ deal.amount | money: deal.currency | append: \" с НДС\" }}|{{ 1234567.891 | money: \"EUR\" }}|{{ 0 | money: \"RUB\" }}|{{ -5.5 | money: \"RUB\" }}",
        "{% cycle \"a\", \"b\" %}{% cycle \"a\", \"b\" %}{% cycle \"a\", \"b\" %}|{% increment c %}{% increment c %}|{% decrement d %}",
        "{% tablerow d in deals %}{{ d.id }}{% endtablerow %}",
        "{{ contact.name | no_such_filter }}|{{ contact.name | escape_once }}|{{ \"a%20b\" | url_decode }}|{{ contact.second_name | join: \",\" }}",
        "{{ deals | map: \"stage\" | uniq | join: \",\" }}|{{ deals | where: \"closed\", true | size }}|{{ deals | sort: \"amount\" | map: \"id\" | join: \",\" }}",
        "{% if deal.amount > \"100\" %}gt{% endif %}|{% if contact.id == \"7\" %}eq{% endif %}|{% if deal.amount >= 990 %}ge{% endif %}|{% if deals %}d{% endif %}",
        "{{ deal.title | split: \"№\" | last }}|{{ contact.email | split: \"@\" | first | upcase }}|{{ contact.full_name | downcase | replace_first: \"а\", \"А\" }}",
        "{{ deal.amount | round: 1 }}|{{ deal.amount | times: 1.0 }}|{{ 10 | divided_by: 4.0 }}|{{ deal.amount | minus: deal.amount }}|{{ deal.id | plus: contact.id }}",
        "{{ contact.name | strip | lstrip | rstrip }}|{{ contact.full_name | truncate: 5, \"…\" }}|{{ \"x\" | prepend: contact.name }}|{{ contact.name | default: \"a\" | size }}",
        "{% unless deals.size == 0 %}{{ deals.size | minus: 1 }} more{% endunless %}|{% case deals.size %}{% when 0 %}none{% when 1 %}one{% else %}many{% endcase %}",
    ];

    public static readonly string[] ShippedTemplates = ["november-sale.json", "deal-followup.json", "delivery-reminder.yaml"];

    private static readonly TemplateSender Sender = new("Example Shop", "news@example.com", "Example Shop LLC", "1 Tverskaya st., Moscow 125009", "https://shop.example.com");

    /// <summary>Three contacts: a full one in ru-RU, an en-US one with markup in its data, and an empty one without deals.</summary>
    public static IReadOnlyList<(string Name, TemplateData Data)> Contacts() =>
    [
        ("anna", TemplateData.From(
            new TemplateContact(7, "Анна", "Петрова", null, "anna@example.org", "ru-RU", new Dictionary<string, string?> { ["UF_CRM_CITY"] = "Казань", ["UF_CRM_LOCALE"] = "ru-RU" }),
            [
                new TemplateDeal(3, "Заказ №3", "WON", "Успешно", "Продажи", 12500.5m, "RUB", true, true),
                new TemplateDeal(5, "Заказ №5", "NEW", "Новая", "Продажи", 990m, "RUB", false, false, new Dictionary<string, string?> { ["UF_CRM_PROMO_CODE"] = "NOV10", ["UF_CRM_1721244482250"] = "2026-11-28T00:00:00+03:00" }),
            ],
            Sender,
            "https://t.example.com/t/u/TOKEN")),
        ("john", TemplateData.From(
            new TemplateContact(8, "<John>", "O'Neil & Sons", "Q", "john@example.com", "en-US", new Dictionary<string, string?> { ["UF_CRM_CITY"] = "<b>Boston</b>\n{{ sender.address }}" }),
            [new TemplateDeal(9, "Order \"9\" <big>", "LOSE", null, null, 1234567.891m, "USD", false, false, new Dictionary<string, string?> { ["UF_CRM_PROMO_CODE"] = "{% raw %}" })],
            Sender,
            "https://t.example.com/t/u/T2?a=1&b=2")),
        ("empty", TemplateData.From(
            new TemplateContact(9, null, null, null, null, null, new Dictionary<string, string?>()),
            [],
            new TemplateSender("Shop", "news@example.com", null, null, null),
            "u")),
    ];

    public static TemplateFile Snippet(int index) => new()
    {
        Name = $"snippet{index}", Subject = Snippets[index], Html = Snippets[index], Text = Snippets[index],
        CustomFields = ["UF_CRM_CITY", "deal.UF_CRM_PROMO_CODE", "deal.UF_CRM_1721244482250"],
    };

    public static TemplateFile Shipped(string name)
    {
        var path = Path.Combine(Sending.Peers.RepoRoot, "manifests", "templates", name);
        return TemplateFileReader.Read(File.ReadAllText(path), path);
    }

    /// <summary>Every case's id and what it renders: all four parts, or the compile errors, or what rendering threw.</summary>
    public static SortedDictionary<string, string> RenderAll()
    {
        var compiler = new TemplateCompiler();
        var renderer = new TemplateRenderer();
        var files = ShippedTemplates.Select(Shipped).Concat(Snippets.Select((_, i) => Snippet(i)));
        var results = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var compiled = compiler.Compile(file);
            foreach (var (name, data) in Contacts())
            {
                string output;
                if (compiled.Template is not { } template)
                {
                    output = "compile errors: " + compiled.Errors.Count;
                }
                else
                {
                    try
                    {
                        var letter = renderer.Render(template, data);
                        output = $"subject={letter.Subject}\npreheader={letter.Preheader}\nhtml={letter.Html}\ntext={letter.Text}";
                    }
#pragma warning disable CA1031 // a render failure is what the case records
                    catch (Exception)
#pragma warning restore CA1031
                    {
                        output = "render failed";
                    }
                }

                results[$"{file.Name}/{name}"] = output;
            }
        }

        return results;
    }
}
