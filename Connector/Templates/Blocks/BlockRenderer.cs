using System.Text;
using System.Text.RegularExpressions;

namespace Connector.Templates.Blocks;

/// <summary>
/// Blocks → Liquid HTML that holds up in Outlook, Gmail and on phones: nested presentation tables, inline styles, a 600 px
/// centred column, a mobile media query stacking columns, and bulletproof (VML for Outlook) buttons. The footer always
/// carries the unsubscribe link and the sender's postal address.
/// </summary>
public static partial class BlockRenderer
{
    private const string Font = "font-family:Arial,Helvetica,sans-serif;";

    public static string Render(IReadOnlyList<Block> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var html = new StringBuilder(8192);
        html.Append("""
            <!DOCTYPE html>
            <html lang="ru" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="x-apple-disable-message-reformatting">
            <title>{{ subject }}</title>
            <style>@media only screen and (max-width:620px){.container{width:100% !important}.column{display:block !important;width:100% !important}.pad{padding-left:16px !important;padding-right:16px !important}}</style>
            <!--[if mso]><style>table,td{font-family:Arial,sans-serif}</style><![endif]-->
            </head>
            <body style="margin:0;padding:0;background:#f4f4f4">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f4f4"><tr><td align="center" style="padding:24px 0">
            <!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
            <table role="presentation" class="container" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:600px;background:#ffffff">

            """);
        foreach (var block in blocks)
        {
            html.Append("<tr><td class=\"pad\" style=\"padding:12px 32px\">").Append(Inner(block)).Append("</td></tr>\n");
        }

        html.Append("""
            </table>
            <!--[if mso]></td></tr></table><![endif]-->
            </td></tr></table>
            </body>
            </html>

            """);
        return html.ToString();
    }

    private static string Inner(Block block) => block.Type switch
    {
        "header" => $"""<a href="{Attr(block.Href ?? "{{ sender.website }}")}"><img src="{Attr(block.Src)}" alt="{Attr(block.Alt ?? "{{ sender.company }}")}" width="160" style="display:block;border:0;max-width:160px;height:auto"></a>""",
        "heading" => $"""<h1 style="margin:0;{Font}font-size:24px;line-height:32px;color:#111111">{LiquidText.Encode(block.Text)}</h1>""",
        "text" => $"""<p style="margin:0;{Font}font-size:16px;line-height:24px;color:#333333">{LiquidText.Encode(block.Text, lineBreaks: true)}</p>""",
        "image" => Linked(block.Href, $"""<img src="{Attr(block.Src)}" alt="{Attr(block.Alt)}" width="536" style="display:block;border:0;width:100%;max-width:536px;height:auto">"""),
        "button" => Button(block),
        "columns" => Columns(block),
        "divider" => """<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td style="border-top:1px solid #e0e0e0;font-size:0;line-height:0">&nbsp;</td></tr></table>""",
        "product" => Product(block),
        "footer" => $"""<p style="margin:0;{Font}font-size:12px;line-height:18px;color:#777777">{LiquidText.Encode(block.Text ?? "{{ sender.company }}", lineBreaks: true)}<br>{"{{ sender.postal_address }}"}<br><a href="{"{{ unsubscribe_url }}"}" style="color:#777777;text-decoration:underline">Отписаться от рассылки</a></p>""",
        _ => throw new FormatException($"unknown block type '{block.Type}'"),
    };

    private static string Button(Block block)
    {
        var color = Color(block.Color);
        var href = Attr(block.Href);
        var text = LiquidText.Encode(block.Text);
        return $"""
            <!--[if mso]><v:roundrect href="{href}" style="height:44px;v-text-anchor:middle;width:240px" arcsize="10%" stroke="f" fillcolor="{color}"><w:anchorlock/><center style="color:#ffffff;{Font}font-size:16px;font-weight:bold">{text}</center></v:roundrect><![endif]-->
            <!--[if !mso]><!--><a href="{href}" style="background:{color};border-radius:4px;color:#ffffff;display:inline-block;{Font}font-size:16px;font-weight:bold;line-height:44px;text-align:center;text-decoration:none;width:240px;-webkit-text-size-adjust:none">{text}</a><!--<![endif]-->
            """;
    }

    private static string Columns(Block block)
    {
        static string Side(IReadOnlyList<Block>? blocks) => string.Concat((blocks ?? []).Select(b => $"<div style=\"padding:0 0 12px 0\">{Inner(b)}</div>"));
        return $"""<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td class="column" width="50%" valign="top" style="width:50%;padding-right:8px">{Side(block.Left)}</td><td class="column" width="50%" valign="top" style="width:50%;padding-left:8px">{Side(block.Right)}</td></tr></table>""";
    }

    private static string Product(Block block) =>
        $"""<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td class="column" width="40%" valign="top" style="width:40%">{Linked(block.Href, $"""<img src="{Attr(block.Src)}" alt="{Attr(block.Alt ?? block.Title)}" width="200" style="display:block;border:0;width:100%;max-width:200px;height:auto">""")}</td><td class="column" valign="top" style="padding-left:16px"><p style="margin:0 0 4px 0;{Font}font-size:18px;font-weight:bold;color:#111111">{LiquidText.Encode(block.Title)}</p><p style="margin:0 0 8px 0;{Font}font-size:14px;line-height:20px;color:#555555">{LiquidText.Encode(block.Text)}</p><p style="margin:0 0 8px 0;{Font}font-size:16px;font-weight:bold;color:#111111">{LiquidText.Encode(block.Price)}</p><a href="{Attr(block.Href)}" style="{Font}font-size:14px;color:{Color(block.Color)}">Подробнее</a></td></tr></table>""";

    private static string Linked(string? href, string inner) => string.IsNullOrEmpty(href) ? inner : $"<a href=\"{Attr(href)}\">{inner}</a>";

    private static string Attr(string? value) => LiquidText.Encode(value).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static string Color(string? value) => value is not null && HexColor().IsMatch(value) ? value : "#1a73e8";

    [GeneratedRegex("^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex HexColor();
}
