using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Sandbox;

namespace Connector.Tests.Sandbox;

[CancelAfter(120_000)]
public sealed class SandboxContactListTests
{
    [Test]
    public async Task ContactList_StartZero_ReturnsTotalAndNext()
    {
        await using var sut = await SandboxTestHost.StartAsync();

        var (status, body) = await sut.PostAsync("crm.contact.list", new { order = new { ID = "ASC" }, start = 0 });

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body["result"]!.AsArray(), Has.Count.EqualTo(50));
            Assert.That(body["total"]!.GetValue<int>(), Is.EqualTo(1200));
            Assert.That(body["next"]!.GetValue<int>(), Is.EqualTo(50));
            Assert.That(body["time"]!["operating_reset_at"], Is.Not.Null);
        });
    }

    [Test]
    public async Task ContactList_LastPage_HasNoNext()
    {
        await using var sut = await SandboxTestHost.StartAsync();

        var (_, body) = await sut.PostAsync("crm.contact.list", new { start = 1150 });

        Assert.Multiple(() =>
        {
            Assert.That(body["result"]!.AsArray(), Has.Count.EqualTo(50));
            Assert.That(body.ContainsKey("next"), Is.False);
            Assert.That(body["total"]!.GetValue<int>(), Is.EqualTo(1200));
        });
    }

    [Test]
    public async Task ContactList_StartMinusOne_SkipsCountAndNext()
    {
        await using var sut = await SandboxTestHost.StartAsync();

        var (_, body) = await sut.PostAsync("crm.contact.list", new { order = new { ID = "ASC" }, filter = new Dictionary<string, object> { [">ID"] = 100 }, start = -1 });

        Assert.Multiple(() =>
        {
            Assert.That(body["result"]!.AsArray(), Has.Count.EqualTo(50));
            Assert.That(body["result"]![0]!["ID"]!.GetValue<string>(), Is.EqualTo("101"));
            Assert.That(body["total"]!.GetValue<int>(), Is.Zero, "huge-data.md: total comes back as 0 without the count");
            Assert.That(body.ContainsKey("next"), Is.False);
        });
    }

    [Test]
    public async Task ContactList_DefaultSelect_OmitsEmail()
    {
        await using var sut = await SandboxTestHost.StartAsync();

        var (_, body) = await sut.PostAsync("crm.contact.list", new { filter = new Dictionary<string, object> { ["HAS_EMAIL"] = "Y" } });

        var first = body["result"]![0]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(first.ContainsKey("EMAIL"), Is.False);
            Assert.That(first.ContainsKey("NAME"), Is.True);
        });
    }

    [Test]
    public async Task ContactList_EmailSelected_ReturnsMultiField()
    {
        await using var sut = await SandboxTestHost.StartAsync();

        var (_, body) = await sut.PostAsync("crm.contact.list", new { select = new[] { "ID", "EMAIL" }, filter = new Dictionary<string, object> { ["HAS_EMAIL"] = "Y" } });

        var first = body["result"]![0]!.AsObject();
        var email = first["EMAIL"]![0]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(first.ContainsKey("NAME"), Is.False);
            Assert.That(email["ID"]!.GetValueKind(), Is.EqualTo(JsonValueKind.String));
            Assert.That(email["TYPE_ID"]!.GetValue<string>(), Is.EqualTo("EMAIL"));
            Assert.That(email["VALUE_TYPE"]!.GetValue<string>(), Is.AnyOf("WORK", "HOME", "MAILING", "OTHER"));
        });
    }

    [Test]
    public async Task ContactList_LegacyRow_NumbersAreStringsAndDatesHavePortalOffset()
    {
        await using var sut = await SandboxTestHost.StartAsync();

        var (_, body) = await sut.PostAsync("crm.contact.list", new { select = new[] { "*" } });

        var row = body["result"]![0]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(row["ID"]!.GetValue<string>(), Is.EqualTo("1"));
            Assert.That(row["ASSIGNED_BY_ID"]!.GetValueKind(), Is.EqualTo(JsonValueKind.String));
            Assert.That(row["EXPORT"]!.GetValue<string>(), Is.AnyOf("Y", "N"));
            Assert.That(row["DATE_MODIFY"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$"));
        });
    }

    [Test]
    public async Task ContactList_FormBracketBodyAndGetQuery_MatchJsonBody()
    {
        await using var sut = await SandboxTestHost.StartAsync();

        var (_, json) = await sut.PostAsync("crm.contact.list", new { FILTER = new Dictionary<string, object> { [">=ID"] = 10, ["<ID"] = 13 }, select = new[] { "ID", "NAME" } });
        var (_, form) = await sut.PostFormAsync("crm.contact.list", "filter%5B%3E%3DID%5D=10&filter%5B%3CID%5D=13&select%5B%5D=ID&select%5B%5D=NAME");
        var (_, get) = await sut.GetAsync("crm.contact.list.json?filter[%3E%3DID]=10&filter[<ID]=13&select[]=ID&select[]=NAME");

        Assert.Multiple(() =>
        {
            Assert.That(json["result"]!.AsArray(), Has.Count.EqualTo(3));
            Assert.That(form["result"]!.ToJsonString(), Is.EqualTo(json["result"]!.ToJsonString()));
            Assert.That(get["result"]!.ToJsonString(), Is.EqualTo(json["result"]!.ToJsonString()));
        });
    }

    [Test]
    public async Task ContactList_DateModifyFilter_ReturnsOnlyNewerRows()
    {
        await using var sut = await SandboxTestHost.StartAsync();
        sut.Time.Advance(TimeSpan.FromMinutes(5));
        sut.Portal.UpdateContact(7, new SandboxContactFields { Name = "Пётр" });
        var since = Connector.Sandbox.Wire.SandboxDates.Format(SandboxTestHost.Start.AddMinutes(1));

        var (_, body) = await sut.PostAsync("crm.contact.list", new { filter = new Dictionary<string, object> { [">DATE_MODIFY"] = since } });

        Assert.Multiple(() =>
        {
            Assert.That(body["result"]!.AsArray(), Has.Count.EqualTo(1));
            Assert.That(body["result"]![0]!["NAME"]!.GetValue<string>(), Is.EqualTo("Пётр"));
        });
    }
}
