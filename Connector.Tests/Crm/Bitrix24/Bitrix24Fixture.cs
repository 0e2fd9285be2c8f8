using System.Text.Json;

namespace Connector.Tests.Crm.Bitrix24;

/// <summary>A recorded answer from Fixtures/*.json: <c>{"_source": page, "status": 200, "body": {...}}</c>.</summary>
internal sealed record Bitrix24Fixture(int Status, string Body)
{
    public static Bitrix24Fixture Load(string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Crm", "Bitrix24", "Fixtures", name + ".json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        return new Bitrix24Fixture(root.GetProperty("status").GetInt32(), root.GetProperty("body").GetRawText());
    }

    public byte[] Bytes => System.Text.Encoding.UTF8.GetBytes(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}
