using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Templates;
using Connector.Tests.Api;
using Connector.Web.UiSession;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Templates.Ui;

/// <summary>
/// <c>/api/ui/templates*</c> as serve maps them: the app page's session only, the caller's portal only, every save
/// checked like a template file (the same messages, put at the block field), the step limit and <c>{% include %}</c>
/// refused at save, CRM values escaped in the preview, test sends with the suppression rule, and versions.
/// </summary>
[NonParallelizable]
public sealed class TemplatesUiTests
{
    private ApiRig _rig = null!;
    private string _pickup = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _pickup = Directory.CreateTempSubdirectory("crm-esp-pickup-").FullName;
        _rig = await ApiRig.StartAsync(TestContext.CurrentContext.CancellationToken, new Dictionary<string, string?>
        {
            ["Smtp:PickupFolder"] = _pickup, ["Sending:Runner:Enabled"] = "false",
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _rig.DisposeAsync();
        Directory.Delete(_pickup, recursive: true);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Routes_WithoutSession401_TabToken403_ForgedToken401(CancellationToken cancellationToken)
    {
        using var none = _rig.Client();
        using var tab = Client(_rig.UiToken(1, placement: UiPlacement.DealTab, entityId: 5));
        using var forged = Client(_rig.UiToken(1)[..^4] + "AAAA");
        using var anonymous = await none.GetAsync(new Uri("api/ui/templates", UriKind.Relative), cancellationToken);
        using var fromTab = await tab.GetAsync(new Uri("api/ui/templates", UriKind.Relative), cancellationToken);
        using var tabPreview = await tab.PostAsJsonAsync(new Uri("api/ui/templates/preview", UriKind.Relative), new { template = new { subject = "x", html = "<p>x</p>" } }, cancellationToken);
        using var tabCreate = await tab.PostAsJsonAsync(new Uri("api/ui/templates", UriKind.Relative), new { name = "from-tab" }, cancellationToken);
        using var bad = await forged.GetAsync(new Uri("api/ui/templates", UriKind.Relative), cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(fromTab.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await Problem(fromTab)).GetProperty("field").GetString(), Is.EqualTo("Authorization"));
            Assert.That(tabPreview.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(tabCreate.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await _rig.CountAsync("SELECT COUNT(*) FROM template_owners WHERE name = 'from-tab'"), Is.Zero);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Templates_AreThePortals_AnotherPortalSees404AndCannotTakeTheName(CancellationToken cancellationToken)
    {
        using var a = Client(_rig.UiToken(1, isAdmin: false));
        using var b = Client(_rig.UiToken(2));
        using var created = await a.PostAsJsonAsync(new Uri("api/ui/templates", UriKind.Relative), new { name = "scoped" }, cancellationToken);
        var listA = await a.GetFromJsonAsync<JsonElement>(new Uri("api/ui/templates", UriKind.Relative), cancellationToken);
        var listB = await b.GetFromJsonAsync<JsonElement>(new Uri("api/ui/templates", UriKind.Relative), cancellationToken);
        using var read = await b.GetAsync(new Uri("api/ui/templates/scoped", UriKind.Relative), cancellationToken);
        using var save = await b.PutAsJsonAsync(new Uri("api/ui/templates/scoped", UriKind.Relative), new { template = new { subject = "Mine", html = "<p>x</p>" } }, cancellationToken);
        using var versions = await b.GetAsync(new Uri("api/ui/templates/scoped/versions", UriKind.Relative), cancellationToken);
        using var delete = await b.DeleteAsync(new Uri("api/ui/templates/scoped", UriKind.Relative), cancellationToken);
        using var send = await b.PostAsJsonAsync(new Uri("api/ui/templates/scoped/test-send", UriKind.Relative), new { to = "qa@example.org" }, cancellationToken);
        using var take = await b.PostAsJsonAsync(new Uri("api/ui/templates", UriKind.Relative), new { name = "scoped" }, cancellationToken);
        using var copy = await b.PostAsJsonAsync(new Uri("api/ui/templates/scoped/duplicate", UriKind.Relative), new { name = "stolen" }, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync(cancellationToken));
            Assert.That(Names(listA), Does.Contain("scoped"));
            Assert.That(Names(listB), Does.Not.Contain("scoped"));
            Assert.That(new[] { read.StatusCode, save.StatusCode, versions.StatusCode, delete.StatusCode, send.StatusCode, copy.StatusCode },
                Is.All.EqualTo(HttpStatusCode.NotFound));
            Assert.That(take.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That((await Problem(take)).GetProperty("field").GetString(), Is.EqualTo("name"));
            Assert.That(await _rig.CountAsync("SELECT COUNT(*) FROM templates WHERE name = 'scoped'"), Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Save_UnknownVariableInABlock_400AtBlockAndField_WithTheMessageOfTheFileAndTheStore(CancellationToken cancellationToken)
    {
        using var a = Client(_rig.UiToken(1));
        await CreateAsync(a, "checked", cancellationToken);
        const string Template = """{"subject": "Hi", "blocks": [{"type": "heading", "text": "Hello"}, {"type": "text", "text": "Dear {{ contact.nickname }}"}]}""";
        const string Typed = """{"subject": "Hi", "blocks": [{"type": "heading", "text": 5}]}""";
        const string Kind = """{"subject": "Hi", "blocks": [{"type": "heading", "text": "x"}, {"type": "carousel"}]}""";
        using var unknown = await PutRawAsync(a, "checked", Template, cancellationToken);
        using var typed = await PutRawAsync(a, "checked", Typed, cancellationToken);
        using var kind = await PutRawAsync(a, "checked", Kind, cancellationToken);
        using var subject = await PutRawAsync(a, "checked", """{"subject": "{{ contact.nick }}", "html": "<p>x</p>"}""", cancellationToken);
        using var extraKey = await PutRawAsync(a, "checked", """{"subject": "x", "html": "<p>x</p>", "colour": "red"}""", cancellationToken);

        // The same template as a file: what `template save` would print for it.
        var stored = await new TemplateStore(_rig.Services.GetRequiredService<Connector.Store.SqliteConnectionFactory>(), new TemplateCompiler(), TimeProvider.System)
            .SaveAsync(TemplateFileReader.Read(Template, "checked.json"), cancellationToken);
        var fileError = Assert.Throws<FormatException>(() => TemplateFileReader.Read(Typed, "checked.json"))!.Message;
        var (unknownProblem, typedProblem, kindProblem) = (await Problem(unknown), await Problem(typed), await Problem(kind));

        Assert.Multiple(async () =>
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(unknownProblem.GetProperty("field").GetString(), Is.EqualTo("blocks[1].text"));
            Assert.That(unknownProblem.GetProperty("detail").GetString(), Is.EqualTo($"{stored.Single().Message} ({stored.Single().Variable})"));
            Assert.That(unknownProblem.GetProperty("detail").GetString(), Is.EqualTo("unknown variable (contact.nickname)"));
            Assert.That(unknownProblem.GetProperty("errors").GetProperty("blocks[1].text")[0].GetString(), Is.EqualTo("unknown variable (contact.nickname)"));
            Assert.That(typed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(typedProblem.GetProperty("field").GetString(), Is.EqualTo("blocks[0].text"));
            Assert.That(fileError, Does.EndWith(": " + typedProblem.GetProperty("detail").GetString()));
            Assert.That(typedProblem.GetProperty("detail").GetString(), Is.EqualTo("'text' has a value of the wrong type"));
            Assert.That((kindProblem.GetProperty("field").GetString(), kindProblem.GetProperty("detail").GetString()), Is.EqualTo(("blocks[1].type", "unknown block type 'carousel'")));
            Assert.That(((await Problem(subject)).GetProperty("field").GetString(), (await Problem(subject)).GetProperty("detail").GetString()), Is.EqualTo(("subject", "unknown variable (contact.nick)")));
            Assert.That(((await Problem(extraKey)).GetProperty("field").GetString(), (await Problem(extraKey)).GetProperty("detail").GetString()), Is.EqualTo(("colour", "unknown key 'colour'")));
            Assert.That(await _rig.CountAsync("SELECT COUNT(*) FROM templates WHERE name = 'checked'"), Is.EqualTo(1), "only the starter version");
        });
    }

    [TestCase("{% for i in (1..200000000) %}x{% endfor %}", "range (1..200000000) has 200,000,000 items, more than 100,000 steps (Templates:MaxSteps)")]
    [TestCase("{% for i in (1..20000) %}{% for j in (1..10000) %}x{% endfor %}{% endfor %}", "stopped after 100,000 steps (Templates:MaxSteps): a loop runs too long")]
    [CancelAfter(60_000)]
    public async Task Save_AndPreview_ALoopOf200MillionIterations_StoppedByTheStepLimit_AtTheBlock(string loop, string message, CancellationToken cancellationToken)
    {
        using var a = Client(_rig.UiToken(1));
        var name = "loop-" + loop.Length;
        await CreateAsync(a, name, cancellationToken);
        var template = new { subject = "Hi", blocks = new object[] { new { type = "heading", text = "Hello" }, new { type = "text", text = loop } } };
        var clock = Stopwatch.StartNew();
        using var save = await a.PutAsJsonAsync(new Uri($"api/ui/templates/{name}", UriKind.Relative), new { template }, cancellationToken);
        using var preview = await a.PostAsJsonAsync(new Uri("api/ui/templates/preview", UriKind.Relative), new { template }, cancellationToken);
        clock.Stop();
        var (saved, previewed) = (await Problem(save), await Problem(preview));

        Assert.Multiple(async () =>
        {
            Assert.That((save.StatusCode, preview.StatusCode), Is.EqualTo((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest)));
            Assert.That((saved.GetProperty("field").GetString(), saved.GetProperty("detail").GetString()), Is.EqualTo(("blocks[1].text", message)));
            Assert.That((previewed.GetProperty("field").GetString(), previewed.GetProperty("detail").GetString()), Is.EqualTo(("blocks[1].text", message)));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "stopped by the limit, not by patience");
            Assert.That(await _rig.CountAsync("SELECT COUNT(*) FROM templates WHERE name = @Name", new { Name = name }), Is.EqualTo(1));
        });
    }

    [TestCase("{% include 'footer' %}")]
    [TestCase("{% render 'https://evil.example/x' %}")]
    [TestCase("{% liquid\n  include 'footer'\n%}")]
    [CancelAfter(60_000)]
    public async Task Save_IncludeOrRender_RefusedAtTheBlock(string tag, CancellationToken cancellationToken)
    {
        using var a = Client(_rig.UiToken(1));
        var name = "include-" + tag.Length;
        await CreateAsync(a, name, cancellationToken);
        using var save = await a.PutAsJsonAsync(new Uri($"api/ui/templates/{name}", UriKind.Relative),
            new { template = new { subject = "Hi", blocks = new object[] { new { type = "text", text = "<p>x</p>" + tag } } } }, cancellationToken);
        var problem = await Problem(save);
        Assert.Multiple(() =>
        {
            Assert.That(save.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.GetProperty("field").GetString(), Is.EqualTo("blocks[0].text"));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("is not allowed: a letter cannot read other templates, files or the network"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Variables_CustomFieldsCarryThePortalsNames_InTheCallersLanguage_OrAnotherItNamedThemIn(CancellationToken cancellationToken)
    {
        await _rig.SeedContactAsync(1, 931, "Named", null, [("named@example.org", true)],
            new Dictionary<string, IReadOnlyList<string>> { ["UF_CRM_CITY"] = ["Казань"], ["UF_CRM_POINTS"] = ["7"], ["UF_CRM_BARE"] = ["x"] });
        await _rig.SeedContactAsync(2, 932, "Other", null, [("other2@example.org", true)], new Dictionary<string, IReadOnlyList<string>> { ["UF_CRM_CITY"] = ["Omsk"] });
        await _rig.ExecuteAsync("""
            DELETE FROM custom_field_labels;
            INSERT INTO custom_field_labels (portal_id, owner, code, lang, type, label, synced_at) VALUES
              (1, 'contact', 'UF_CRM_CITY', 'ru', 'string', 'Город', '2026-01-01T00:00:00Z'),
              (1, 'contact', 'UF_CRM_CITY', 'en', 'string', 'City', '2026-01-01T00:00:00Z'),
              (1, 'contact', 'UF_CRM_POINTS', 'en', 'double', 'Loyalty points', '2026-01-01T00:00:00Z'),
              (2, 'contact', 'UF_CRM_CITY', 'ru', 'string', 'Город клиента Б', '2026-01-01T00:00:00Z');
            """, new { });
        async Task<Dictionary<string, string?>> LabelsAsync(string language)
        {
            using var client = Client(_rig.UiToken(1, language: language));
            var variables = await client.GetFromJsonAsync<JsonElement>(new Uri("api/ui/templates/variables", UriKind.Relative), cancellationToken);
            return variables.GetProperty("customFields").EnumerateArray().Where(f => f.GetProperty("owner").GetString() == "contact")
                .ToDictionary(f => f.GetProperty("code").GetString()!, f => f.GetProperty("label").GetString());
        }

        var ru = await LabelsAsync("ru");
        var en = await LabelsAsync("en");
        Assert.Multiple(() =>
        {
            Assert.That(ru["UF_CRM_CITY"], Is.EqualTo("Город"), "the portal's own name in the caller's language, not portal B's");
            Assert.That(en["UF_CRM_CITY"], Is.EqualTo("City"));
            Assert.That(ru["UF_CRM_POINTS"], Is.EqualTo("Loyalty points"), "named only in English: that name, not the code");
            Assert.That(ru["UF_CRM_BARE"], Is.Null, "a field nobody named shows its code");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Preview_ForAMirroredContact_EscapesCrmValues_AnotherPortalsContactRefused(CancellationToken cancellationToken)
    {
        await _rig.SeedContactAsync(1, 901, "<script>alert(1)</script>", "O'Hara & Sons", [("evil@example.org", true)],
            new Dictionary<string, IReadOnlyList<string>> { ["UF_CRM_CITY"] = ["<img src=x onerror=alert(2)>"] });
        await _rig.SeedContactAsync(2, 902, "Other", null, [("other@example.org", true)], new Dictionary<string, IReadOnlyList<string>> { ["UF_CRM_SECRET"] = ["b-only"] });
        using var a = Client(_rig.UiToken(1));
        var template = new
        {
            subject = "Hi {{ contact.name }}", custom_fields = new[] { "UF_CRM_CITY" },
            blocks = new object[] { new { type = "heading", text = "Hello {{ contact.full_name }}" }, new { type = "text", text = "From {{ contact.fields.UF_CRM_CITY }}" } },
        };
        var preview = await (await a.PostAsJsonAsync(new Uri("api/ui/templates/preview", UriKind.Relative), new { template, contactId = 901 }, cancellationToken))
            .Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        using var foreign = await a.PostAsJsonAsync(new Uri("api/ui/templates/preview", UriKind.Relative), new { template, contactId = 902 }, cancellationToken);
        var sample = await (await a.PostAsJsonAsync(new Uri("api/ui/templates/preview", UriKind.Relative), new { template }, cancellationToken))
            .Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var variables = await a.GetFromJsonAsync<JsonElement>(new Uri("api/ui/templates/variables", UriKind.Relative), cancellationToken);
        var contacts = await a.GetFromJsonAsync<JsonElement>(new Uri("api/ui/templates/contacts?q=evil", UriKind.Relative), cancellationToken);
        await CreateAsync(a, "fields", cancellationToken);
        using var own = await a.PutAsJsonAsync(new Uri("api/ui/templates/fields", UriKind.Relative), new { template }, cancellationToken);
        using var othersField = await a.PutAsJsonAsync(new Uri("api/ui/templates/fields", UriKind.Relative),
            new { template = new { subject = "x", html = "<p>{{ contact.fields.UF_CRM_SECRET }}</p>", custom_fields = new[] { "UF_CRM_SECRET" } } }, cancellationToken);
        var html = preview.GetProperty("html").GetString()!;
        var codes = variables.GetProperty("customFields").EnumerateArray().Select(f => f.GetProperty("declare").GetString()).ToList();

        Assert.Multiple(async () =>
        {
            Assert.That(html, Does.Contain("Hello &lt;script&gt;alert(1)&lt;/script&gt; O&#39;Hara &amp; Sons"));
            Assert.That(html, Does.Contain("From &lt;img src=x onerror=alert(2)&gt;"));
            Assert.That(html, Does.Not.Contain("<script>alert").And.Not.Contain("<img src=x"));
            Assert.That(preview.GetProperty("subject").GetString(), Is.EqualTo("Hi <script>alert(1)</script>"), "the subject is plain text, encoded by MIME, not HTML");
            Assert.That(preview.GetProperty("textGenerated").GetBoolean(), Is.True);
            Assert.That(preview.GetProperty("text").GetString(), Does.Contain("From <img src=x onerror=alert(2)>"));
            Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await Problem(foreign)).GetProperty("field").GetString(), Is.EqualTo("contactId"));
            Assert.That(sample.GetProperty("subject").GetString(), Is.EqualTo("Hi Анна"));
            Assert.That(codes, Does.Contain("UF_CRM_CITY").And.Not.Contain("UF_CRM_SECRET"));
            Assert.That(variables.GetProperty("variables").EnumerateArray().Select(v => v.GetProperty("liquid").GetString()), Does.Contain("{{ contact.name }}").And.Contain("{{ deal.title }}"));
            Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK), await own.Content.ReadAsStringAsync(cancellationToken));
            Assert.That(othersField.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "another portal's field is not this portal's");
            Assert.That(((await Problem(othersField)).GetProperty("field").GetString(), (await Problem(othersField)).GetProperty("detail").GetString()),
                Is.EqualTo(("custom_fields", "the CRM has no contact field UF_CRM_SECRET (none of its mirrored contacts carries it) (UF_CRM_SECRET)")));
            Assert.That(contacts.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()), Is.EqualTo(new[] { 901L }));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task TestSend_Sends_BadAddress400_Suppressed409UnlessForced(CancellationToken cancellationToken)
    {
        using var a = Client(_rig.UiToken(1));
        await CreateAsync(a, "tested", cancellationToken);
        await _rig.ExecuteAsync("INSERT INTO suppressions (address, reason, source, created_at) VALUES ('blocked@example.org', 'hard_bounce', 'test', '2026-01-01T00:00:00Z')");
        var before = Directory.GetFiles(_pickup).Length;
        var draft = new { subject = "Draft {{ contact.name }}", blocks = new object[] { new { type = "text", text = "Test body" } } };
        using var sent = await a.PostAsJsonAsync(new Uri("api/ui/templates/tested/test-send", UriKind.Relative), new { to = "qa@example.org", template = draft }, cancellationToken);
        var afterSent = Directory.GetFiles(_pickup).Length;
        using var bad = await a.PostAsJsonAsync(new Uri("api/ui/templates/tested/test-send", UriKind.Relative), new { to = "qa@@example" }, cancellationToken);
        using var suppressed = await a.PostAsJsonAsync(new Uri("api/ui/templates/tested/test-send", UriKind.Relative), new { to = "Blocked@example.org" }, cancellationToken);
        var afterRefused = Directory.GetFiles(_pickup).Length;
        using var forced = await a.PostAsJsonAsync(new Uri("api/ui/templates/tested/test-send", UriKind.Relative), new { to = "blocked@example.org", force = true }, cancellationToken);
        var newest = Directory.GetFiles(_pickup).Select(f => new FileInfo(f)).OrderBy(f => f.LastWriteTimeUtc).Select(f => File.ReadAllText(f.FullName)).ToList();

        Assert.Multiple(async () =>
        {
            Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK), await sent.Content.ReadAsStringAsync(cancellationToken));
            Assert.That(afterSent, Is.EqualTo(before + 1));
            Assert.That(newest.Any(m => m.Contains("qa@example.org", StringComparison.Ordinal) && m.Contains("Draft", StringComparison.Ordinal)), Is.True, "the editor's draft was sent");
            Assert.That((bad.StatusCode, (await Problem(bad)).GetProperty("field").GetString()), Is.EqualTo((HttpStatusCode.BadRequest, "to")));
            Assert.That((suppressed.StatusCode, (await Problem(suppressed)).GetProperty("field").GetString()), Is.EqualTo((HttpStatusCode.Conflict, "to")));
            Assert.That((await Problem(suppressed)).GetProperty("detail").GetString(), Does.Contain("blocked@example.org is suppressed (hard_bounce"));
            Assert.That(afterRefused, Is.EqualTo(afterSent));
            Assert.That(forced.StatusCode, Is.EqualTo(HttpStatusCode.OK), await forced.Content.ReadAsStringAsync(cancellationToken));
            Assert.That(Directory.GetFiles(_pickup), Has.Length.EqualTo(afterSent + 1));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Versions_EachSaveANewVersion_ViewAndRestoreOne_DuplicateAndDelete(CancellationToken cancellationToken)
    {
        using var a = Client(_rig.UiToken(1));
        await CreateAsync(a, "versioned", cancellationToken);
        var second = await Saved(await a.PutAsJsonAsync(new Uri("api/ui/templates/versioned", UriKind.Relative), new { template = new { subject = "Second", html = "<p>two</p>" } }, cancellationToken), cancellationToken);
        var third = await Saved(await a.PutAsJsonAsync(new Uri("api/ui/templates/versioned", UriKind.Relative), new { template = new { subject = "Third", html = "<p>three</p>" } }, cancellationToken), cancellationToken);
        var old = await a.GetFromJsonAsync<JsonElement>(new Uri("api/ui/templates/versioned?version=2", UriKind.Relative), cancellationToken);
        using var missing = await a.GetAsync(new Uri("api/ui/templates/versioned?version=9", UriKind.Relative), cancellationToken);
        var restored = await Saved(await a.PostAsync(new Uri("api/ui/templates/versioned/versions/2/restore", UriKind.Relative), null, cancellationToken), cancellationToken);
        var latest = await a.GetFromJsonAsync<JsonElement>(new Uri("api/ui/templates/versioned", UriKind.Relative), cancellationToken);
        var versions = await a.GetFromJsonAsync<JsonElement>(new Uri("api/ui/templates/versioned/versions", UriKind.Relative), cancellationToken);
        using var copy = await a.PostAsJsonAsync(new Uri("api/ui/templates/versioned/duplicate", UriKind.Relative), new { name = "versioned-copy" }, cancellationToken);
        var copied = await a.GetFromJsonAsync<JsonElement>(new Uri("api/ui/templates/versioned-copy", UriKind.Relative), cancellationToken);
        using var badName = await a.PostAsJsonAsync(new Uri("api/ui/templates", UriKind.Relative), new { name = "no spaces/here" }, cancellationToken);
        using var deleted = await a.DeleteAsync(new Uri("api/ui/templates/versioned", UriKind.Relative), cancellationToken);
        var list = await a.GetFromJsonAsync<JsonElement>(new Uri("api/ui/templates", UriKind.Relative), cancellationToken);
        using var gone = await a.GetAsync(new Uri("api/ui/templates/versioned", UriKind.Relative), cancellationToken);
        using var again = await a.PostAsJsonAsync(new Uri("api/ui/templates", UriKind.Relative), new { name = "versioned" }, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That((second, third, restored), Is.EqualTo((2, 3, 4)));
            Assert.That(old.GetProperty("template").GetProperty("subject").GetString(), Is.EqualTo("Second"));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((latest.GetProperty("version").GetInt32(), latest.GetProperty("template").GetProperty("subject").GetString()), Is.EqualTo((4, "Second")));
            Assert.That(versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()), Is.EqualTo(new[] { 4, 3, 2, 1 }));
            Assert.That(copy.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((copied.GetProperty("version").GetInt32(), copied.GetProperty("template").GetProperty("subject").GetString()), Is.EqualTo((1, "Second")));
            Assert.That((badName.StatusCode, (await Problem(badName)).GetProperty("field").GetString()), Is.EqualTo((HttpStatusCode.BadRequest, "name")));
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(Names(list), Does.Not.Contain("versioned").And.Contain("versioned-copy"));
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await _rig.CountAsync("SELECT COUNT(*) FROM templates WHERE name = 'versioned'"), Is.EqualTo(5), "deleting keeps the versions; creating again adds one");
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((await again.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("version").GetInt32(), Is.EqualTo(5));
        });
    }

    private HttpClient Client(string token)
    {
        var client = _rig.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task CreateAsync(HttpClient client, string name, CancellationToken cancellationToken)
    {
        using var created = await client.PostAsJsonAsync(new Uri("api/ui/templates", UriKind.Relative), new { name }, cancellationToken);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync(cancellationToken));
    }

    private static async Task<HttpResponseMessage> PutRawAsync(HttpClient client, string name, string template, CancellationToken cancellationToken)
    {
        using var content = new StringContent($$"""{"template": {{template}}}""", System.Text.Encoding.UTF8, "application/json");
        return await client.PutAsync(new Uri($"api/ui/templates/{name}", UriKind.Relative), content, cancellationToken);
    }

    private static async Task<int> Saved(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(cancellationToken));
            return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("version").GetInt32();
        }
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static List<string?> Names(JsonElement list) => list.GetProperty("templates").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
}
