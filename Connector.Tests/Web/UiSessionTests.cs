using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connector.Tests.Crm.Bitrix24.App;
using Connector.Web.UiSession;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Web;

/// <summary>
/// The pages' session: a verified placement POST answers the app with a signed, short-lived token scoped to the portal,
/// the viewer and (for a tab) the record; <c>/api/ui</c> accepts only such a token.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed partial class UiSessionTests
{
    private static readonly UiCaller Viewer = new(7, "member", 1, true, "ru", UiPlacement.DealTab, 20, DateTimeOffset.MaxValue);

    [Test]
    public void Token_RoundTrips_CappedAtAnHour_AndRefusedWhenExpiredOrTampered()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
        var tokens = new UiSessionTokens(new EphemeralDataProtectionProvider(), clock);

        var (token, issued) = tokens.Issue(Viewer);
        var read = tokens.Verify(token);
        var tampered = tokens.Verify(token[..^2] + (token[^1] == 'A' ? "BB" : "AA"));
        var other = new UiSessionTokens(new EphemeralDataProtectionProvider(), clock).Verify(token);
        clock.Advance(TimeSpan.FromMinutes(61));

        Assert.Multiple(() =>
        {
            Assert.That(token, Does.StartWith(UiSessionTokens.Prefix));
            Assert.That(issued.ExpiresAt, Is.EqualTo(clock.Start + UiSessionTokens.MaxLifetime));
            Assert.That(read, Is.EqualTo(issued));
            Assert.That(tampered, Is.Null);
            Assert.That(other, Is.Null, "another key ring cannot read it");
            Assert.That(tokens.Verify(token), Is.Null, "expired after an hour");
            Assert.That(tokens.Verify("ceu_"), Is.Null);
            Assert.That(tokens.Verify("ceb_" + token[4..]), Is.Null);
        });
    }

    [Test]
    public void Caller_TabReadsOnlyItsRecord_AppPageReadsAll()
    {
        var app = Viewer with { Placement = UiPlacement.App, EntityId = null };
        Assert.Multiple(() =>
        {
            Assert.That(Viewer.MayRead(UiPlacement.DealTab, 20), Is.True);
            Assert.That(Viewer.MayRead(UiPlacement.DealTab, 21), Is.False);
            Assert.That(Viewer.MayRead(UiPlacement.ContactTab, 20), Is.False);
            Assert.That(app.MayRead(UiPlacement.ContactTab, 5), Is.True);
        });
    }

    [Test]
    public async Task PlacementPost_AnswersTheAppWithASessionToken_ThatTheUiApiAccepts(CancellationToken cancellationToken)
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();
        await AppRig.EventuallyAsync(() => rig.BaselineAsync());
        var crm = rig.Portal.Portal;
        var deal = crm.Deals[0];

        var page = await crm.OpenPlacementAsync("CRM_DEAL_DETAIL_TAB", deal.Id, withApplicationToken: false, cancellationToken);
        var context = JsonDocument.Parse(ContextScript().Match(page.Body).Groups[1].Value).RootElement;
        var token = context.GetProperty("token").GetString()!;
        using var http = new HttpClient { BaseAddress = rig.Connector };
        using var session = await SendAsync(http, "api/ui/session", token, cancellationToken);
        using var none = await SendAsync(http, "api/ui/session", null, cancellationToken);
        using var forged = await SendAsync(http, "api/ui/session", token[..^4] + "AAAA", cancellationToken);
        using var apiKey = await SendAsync(http, "api/ui/session", "ceb_not-a-session", cancellationToken);
        var json = JsonDocument.Parse(await session.Content.ReadAsStringAsync(cancellationToken)).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(200), page.Body);
            Assert.That(page.Body, Does.Contain("<div id=\"app\">"), "the built app's shell");
            Assert.That(context.GetProperty("placement").GetString(), Is.EqualTo("deal-tab"));
            Assert.That(context.GetProperty("entityId").GetInt64(), Is.EqualTo(deal.Id));
            Assert.That(context.GetProperty("isAdmin").GetBoolean(), Is.True, "the sandbox's installer is an admin (user.admin)");
            Assert.That(context.GetProperty("initial").GetProperty("record").GetProperty("title").GetString(), Is.EqualTo(deal.Title));
            Assert.That(session.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(json.GetProperty("placement").GetString(), Is.EqualTo("deal-tab"));
            Assert.That(json.GetProperty("entityId").GetInt64(), Is.EqualTo(deal.Id));
            Assert.That(json.TryGetProperty("token", out _), Is.False, "the session view never echoes the token");
            Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(apiKey.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(none.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        });
    }

    [Test]
    public async Task UiStaticFiles_ServeTheBuiltAssets_ButNeverThePageShell(CancellationToken cancellationToken)
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();
        var crm = rig.Portal.Portal;
        var page = await crm.OpenPlacementAsync("LEFT_MENU", null, withApplicationToken: false, cancellationToken);
        var script = AssetScript().Match(page.Body).Groups[1].Value;
        using var http = new HttpClient { BaseAddress = rig.Connector };

        using var asset = await http.GetAsync(script.TrimStart('/'), cancellationToken);
        using var shell = await http.GetAsync("ui/index.html", cancellationToken);
        var bytes = await asset.Content.ReadAsByteArrayAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(script, Does.StartWith("/ui/assets/"));
            Assert.That(asset.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(bytes, Has.Length.GreaterThan(1000), "not an empty body");
            Assert.That(asset.Headers.CacheControl?.ToString(), Does.Contain("immutable"));
            Assert.That(shell.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the shell is answered only to a verified placement POST");
        });
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request, cancellationToken);
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"crmesp-context\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ContextScript();

    [GeneratedRegex("<script type=\"module\" crossorigin src=\"([^\"]+)\"")]
    private static partial Regex AssetScript();
}
