using Connector.Api;
using Connector.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace Connector.Tests.Api;

/// <summary>The API's own statements start from an index: a suppression page is a range of ix_suppressions_nocase.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ApiQueryPlanTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task SuppressionPage_IsARangeOfTheNocaseIndex_NoSortNoScan(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        await using var connection = new SqliteConnection($"Data Source={rig.StorePath};Pooling=False");
        await connection.OpenAsync(cancellationToken);

        var plan = await QueryPlan.ExplainAsync(connection, ApiSuppressionPage.Page, name => name == "@Limit" ? 100 : "m@example.org", cancellationToken);

        Assert.That(plan, Has.Some.Contains("USING INDEX ix_suppressions_nocase (address>?)").And.None.Contains("TEMP B-TREE").And.None.Contains("SCAN"), string.Join("\n", plan));
        Assert.That(plan, Has.Some.Contains("ix_contact_emails_address (portal_id=? AND address=?)").And.Some.Contains("ix_api_keys_portal (portal_id=?)"),
            "the portal's part is found by index for each entry: " + string.Join("\n", plan));
        var one = await QueryPlan.ExplainAsync(connection, ApiSuppressionPage.One, _ => "m@example.org", cancellationToken);
        Assert.That(one, Has.Some.Contains("USING INDEX ix_suppressions_nocase (address=?)").And.None.Contains("SCAN"), string.Join("\n", one));
    }
}
