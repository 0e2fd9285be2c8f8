using Connector.Tests.Api;
using Connector.Templates;

namespace Connector.Tests.Sending.Queue;

/// <summary>
/// Serve's composition (<see cref="ApiRig"/>) with a mirrored portal A: Anna (contact 7, two e-mails, the first
/// invalid), Boris (8, no e-mail), Dina (9, opted out in the CRM), Gleb (10, deleted), a deal 70 on Anna, and the
/// stored template <c>order-shipped</c> in versions 1 and 2 using <c>vars.*</c>.
/// </summary>
internal static class QueueRig
{
    public const string Template = "order-shipped";

    public static TemplateFile Version1 { get; } = new()
    {
        Name = Template, Version = 1, Subject = "Order {{ vars.order_id }} shipped",
        Html = "<p>Hello {{ contact.name }}, order {{ vars.order_id }} ({{ deal.title }}) is on its way: {{ vars.tracking }}.</p><p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>",
        Text = "Hello {{ contact.name }}, order {{ vars.order_id }} ({{ deal.title }}) is on its way: {{ vars.tracking }}.",
    };

    public static async Task<ApiRig> StartAsync(CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var rig = await ApiRig.StartAsync(cancellationToken, extra);
        await SeedAsync(rig);
        return rig;
    }

    public static async Task SeedAsync(ApiRig rig)
    {
        await rig.SeedContactAsync(1, 7, "Anna", "Petrova", [("anna@", false), ("anna@example.org", true)]);
        await rig.SeedContactAsync(1, 8, "Boris", null, []);
        await rig.SeedContactAsync(1, 9, "Dina", null, [("dina@example.org", true)], new Dictionary<string, IReadOnlyList<string>> { ["UF_CRM_ESP_UNSUBSCRIBED"] = ["Y"] });
        await rig.SeedContactAsync(1, 10, "Gleb", null, [("gleb@example.org", true)], deleted: true);
        await rig.SeedContactAsync(1, 11, "Vera", null, [("broken@", false)]);
        await rig.SeedDealAsync(1, 70, "Winter boots", 7);
        await rig.SaveTemplateAsync(Version1);
        await rig.SaveTemplateAsync(Version1 with { Version = 2, Subject = "v2: order {{ vars.order_id }}" });
    }
}
