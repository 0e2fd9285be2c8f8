using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Connector.Sandbox;

namespace Connector.Tests.Sandbox;

[CancelAfter(120_000)]
public sealed class SandboxBatchTests
{
    [Test]
    public async Task Batch_ChainedIdReferences_ReadsExactlyTheKnownRows()
    {
        await using var sut = await SandboxTestHost.StartAsync();
        var cmd = new Dictionary<string, string> { ["c0"] = "crm.contact.list?order%5BID%5D=ASC&filter%5B%3EID%5D=0&start=-1&select%5B%5D=ID" };
        for (var i = 1; i < 10; i++)
        {
            cmd[$"c{i}"] = $"crm.contact.list?order[ID]=ASC&filter[>ID]=$result[c{i - 1}][49][ID]&start=-1&select[]=ID";
        }

        var (status, body) = await sut.PostAsync("batch", new { halt = 0, cmd });

        var ids = body["result"]!["result"]!.AsObject()
            .SelectMany(p => p.Value!.AsArray())
            .Select(row => long.Parse(row!["ID"]!.GetValue<string>(), CultureInfo.InvariantCulture))
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ids, Is.EqualTo(Enumerable.Range(1, 500).Select(i => (long)i)));
            Assert.That(body["result"]!["result_error"], Is.InstanceOf<JsonArray>());
            Assert.That(body["result"]!["result_next"], Is.InstanceOf<JsonArray>(), "start=-1 gives no next, so the empty map is []");
            Assert.That(body["result"]!["result_time"]!["c9"]!["operating"], Is.Not.Null);
        });
    }

    [Test]
    public async Task Batch_ReferencePastShortPage_RestartsFromFirstRecord()
    {
        await using var sut = await SandboxTestHost.StartAsync(new SandboxOptions { Contacts = 60, Deals = 0 });
        var cmd = new Dictionary<string, string>
        {
            ["c0"] = "crm.contact.list?order[ID]=ASC&filter[>ID]=0&start=-1",
            ["c1"] = "crm.contact.list?order[ID]=ASC&filter[>ID]=$result[c0][49][ID]&start=-1",
            ["c2"] = "crm.contact.list?order[ID]=ASC&filter[>ID]=$result[c1][49][ID]&start=-1",
        };

        var (_, body) = await sut.PostAsync("batch", new { cmd });

        var results = body["result"]!["result"]!;
        Assert.Multiple(() =>
        {
            Assert.That(results["c1"]!.AsArray(), Has.Count.EqualTo(10));
            Assert.That(results["c2"]!.AsArray(), Has.Count.EqualTo(50), "the empty >ID filter is ignored");
            Assert.That(results["c2"]![0]!["ID"]!.GetValue<string>(), Is.EqualTo("1"));
        });
    }

    [Test]
    public async Task Batch_ItemListReferences_FollowItemsPath()
    {
        await using var sut = await SandboxTestHost.StartAsync();
        var cmd = new Dictionary<string, string>
        {
            ["d0"] = "crm.item.list?entityTypeId=2&order[id]=ASC&filter[>id]=0&start=-1&select[]=id",
            ["d1"] = "crm.item.list?entityTypeId=2&order[id]=ASC&filter[>id]=$result[d0][items][49][id]&start=-1&select[]=id",
        };

        var (_, body) = await sut.PostAsync("batch", new { cmd });

        var second = body["result"]!["result"]!["d1"]!["items"]!.AsArray();
        Assert.That(second[0]!["id"]!.GetValue<long>(), Is.EqualTo(51));
    }

    [Test]
    public async Task Batch_UnknownAndNestedMethods_ReportInResultErrorWithHttp200()
    {
        await using var sut = await SandboxTestHost.StartAsync();
        var cmd = new Dictionary<string, string>
        {
            ["ok"] = "crm.contact.list?start=0",
            ["bad"] = "crm.nothing.list",
            ["nested"] = "batch?cmd[x]=app.info",
        };

        var (status, body) = await sut.PostAsync("batch", new { halt = 0, cmd });

        var result = body["result"]!;
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(result["result_error"]!["bad"]!["error"]!.GetValue<string>(), Is.EqualTo("ERROR_METHOD_NOT_FOUND"));
            Assert.That(result["result_error"]!["nested"]!["error"]!.GetValue<string>(), Is.EqualTo("ERROR_BATCH_METHOD_NOT_ALLOWED"));
            Assert.That(result["result_total"]!["ok"]!.GetValue<int>(), Is.EqualTo(1200));
            Assert.That(result["result_next"]!["ok"]!.GetValue<int>(), Is.EqualTo(50));
        });
    }

    [Test]
    public async Task Batch_HaltOnError_StopsAndLeavesEmptyMapsAsArrays()
    {
        await using var sut = await SandboxTestHost.StartAsync();
        var cmd = new Dictionary<string, string> { ["bad"] = "crm.nothing.list", ["never"] = "crm.contact.list" };

        var (_, body) = await sut.PostAsync("batch", new { halt = 1, cmd });

        var result = body["result"]!;
        Assert.Multiple(() =>
        {
            Assert.That(result["result"], Is.InstanceOf<JsonArray>());
            Assert.That(result["result_total"], Is.InstanceOf<JsonArray>());
            Assert.That(result["result_time"], Is.InstanceOf<JsonArray>());
            Assert.That(sut.Portal.Stats.CallsPerMethod.ContainsKey("crm.contact.list"), Is.False);
        });
    }

    [Test]
    public async Task Batch_FiftyOneCommands_ReturnsLengthExceeded()
    {
        await using var sut = await SandboxTestHost.StartAsync();
        var cmd = Enumerable.Range(0, 51).ToDictionary(i => $"c{i}", _ => "app.info");

        var (status, body) = await sut.PostAsync("batch", new { cmd });

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo("ERROR_BATCH_LENGTH_EXCEEDED"));
        });
    }
}
