using System.Text.Json;
using System.Text.RegularExpressions;

namespace Connector.Tests.Manifests;

[CancelAfter(120_000)]
public sealed partial class WebhookManifestTests
{
    [Test]
    public void Methods_EveryMethodTheReaderCalls_IsDeclared()
    {
        var root = FindRepositoryRoot();
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "manifests", "bitrix24-webhook.json")));
        var declared = manifest.RootElement.GetProperty("methods").EnumerateArray().Select(m => m.GetString()).ToHashSet();
        var used = Directory.GetFiles(Path.Combine(root, "Connector", "Crm", "Bitrix24", "Reading"), "*.cs")
            .SelectMany(f => MethodLiteral().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Append("batch")
            .ToHashSet();

        Assert.That(used, Is.SubsetOf(declared).And.Not.Empty);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmEspBridge.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("CrmEspBridge.sln not found above the test binaries");
    }

    [GeneratedRegex("\"((?:crm|app)\\.[a-z]+(?:\\.[a-z]+)*)\"")]
    private static partial Regex MethodLiteral();
}
