using System.Text.Json;
using Connector.Crm.Bitrix24.Reading;

namespace Connector.Tests.Crm.Bitrix24;

/// <summary>user.get rows (api-reference/user/user-get.md): ID a string, ACTIVE a boolean; rows without a valid ID are skipped.</summary>
[CancelAfter(10_000)]
public sealed class UserReaderTests
{
    [Test]
    public void Read_TakesTheDocumentedShape_AndToleratesNumbersAndYN()
    {
        var documented = UserReader.Read(JsonDocument.Parse("""{"ID":"7","ACTIVE":true,"NAME":"Анна","LAST_NAME":"Смирнова","SECOND_NAME":"","EMAIL":"anna@example.org"}""").RootElement);
        var inactive = UserReader.Read(JsonDocument.Parse("""{"ID":9,"ACTIVE":"N","NAME":"Pavel"}""").RootElement);
        Assert.Multiple(() =>
        {
            Assert.That(documented, Is.EqualTo(new Connector.Sync.CrmUser(7, "Анна", "Смирнова", null, "anna@example.org", true)));
            Assert.That(inactive, Is.EqualTo(new Connector.Sync.CrmUser(9, "Pavel", null, null, null, false)));
            Assert.That(UserReader.Read(JsonDocument.Parse("""{"ID":"x"}""").RootElement), Is.Null);
            Assert.That(UserReader.Read(JsonDocument.Parse("""{"NAME":"no id"}""").RootElement), Is.Null);
            Assert.That(UserReader.Read(JsonDocument.Parse("[]").RootElement), Is.Null);
        });
    }
}
