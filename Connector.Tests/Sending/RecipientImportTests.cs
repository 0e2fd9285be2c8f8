using Connector.Sending.Hygiene;

namespace Connector.Tests.Sending;

[CancelAfter(120_000)]
public sealed class RecipientImportTests
{
    private static async Task<(RecipientImportResult Result, string File)> ImportAsync(bool rejectFlagged, params string[] lines)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllLinesAsync(file, lines);
        var dns = new Dictionary<string, MxAnswer>(AddressValidatorTests.Dns) { ["gone.example"] = MxAnswer.NoDomain };
        return (await new RecipientImport(new AddressValidator(new AddressValidatorTests.FakeResolver(dns)), rejectFlagged).ReadAsync(file, TestContext.CurrentContext.CancellationToken), file);
    }

    [Test]
    public async Task ReadAsync_MixedFile_BadLinesSkippedWithFileLineAndReasonRestKept()
    {
        var (result, file) = await ImportAsync(false,
            "# campaign list", "anna@example.org,Анна", "", "not-an-address", "ivan@gone.example,Иван", "info@example.org", "bob@nullmx.example",
            "ANNA@example.ORG", "olga@flaky.example, Ольга", "x@example.org\u0007,evil", "temp@mailinator.com");
        Assert.Multiple(() =>
        {
            Assert.That(result.Recipients.Select(r => (r.Line, r.Address, r.Name, r.Flag)), Is.EqualTo(new (int, string, string?, string?)[]
            {
                (2, "anna@example.org", "Анна", null), (6, "info@example.org", null, "role"), (9, "olga@flaky.example", "Ольга", null), (11, "temp@mailinator.com", null, "disposable"),
            }));
            Assert.That(result.Problems.Select(p => p.ToString()), Is.EqualTo(new[]
            {
                $"{file}:4: skipped (syntax): not-an-address",
                $"{file}:5: skipped (no_domain): ivan@gone.example,Иван",
                $"{file}:6: flagged (role): info@example.org",
                $"{file}:7: skipped (null_mx): bob@nullmx.example",
                $"{file}:10: skipped (syntax): x@example.org?,evil",
                $"{file}:11: flagged (disposable): temp@mailinator.com",
            }));
            Assert.That((result.Skipped, result.Flagged, result.Duplicates), Is.EqualTo((4, 2, 1)));
        });
        File.Delete(file);
    }

    [Test]
    public async Task ReadAsync_RejectFlagged_RoleAndDisposableSkipped()
    {
        var (result, file) = await ImportAsync(true, "anna@example.org", "info@example.org", "temp@mailinator.com");
        Assert.Multiple(() =>
        {
            Assert.That(result.Recipients.Select(r => r.Address), Is.EqualTo(new[] { "anna@example.org" }));
            Assert.That(result.Problems.Select(p => (p.Line, p.Reason, p.Skipped)), Is.EqualTo(new[] { (2, "role", true), (3, "disposable", true) }));
        });
        File.Delete(file);
    }

    [Test]
    public async Task ReadAsync_HeaderRowWithSemicolonsAndQuotes_ColumnsByNameAndLinesWhereRecordsStart()
    {
        var (result, file) = await ImportAsync(false,
            "Name;E-mail;City", "\"Смит; Анна\";anna@example.org;Казань", "Иван;\"ivan@example.org\";\"Санкт-\nПетербург\"", "Olga;not-an-address;x", "'=Eve;eve@example.org;y");
        Assert.Multiple(() =>
        {
            Assert.That(result.Recipients.Select(r => (r.Line, r.Address, r.Name)), Is.EqualTo(new (int, string, string?)[]
            {
                (2, "anna@example.org", "Смит; Анна"), (3, "ivan@example.org", "Иван"), (6, "eve@example.org", "=Eve"),
            }));
            Assert.That(result.Problems.Select(p => p.ToString()), Is.EqualTo(new[] { $"{file}:5: skipped (syntax): Olga;not-an-address;x" }));
        });
        File.Delete(file);
    }

    [Test]
    public async Task ReadAsync_ContactsExportCsv_FirstValidAddressOfEmailsAndDeletedSkipped()
    {
        var (result, file) = await ImportAsync(false,
            "id,name,second_name,last_name,emails,invalid_emails,deleted,modified_at",
            "1,Анна,Ивановна,Смит,\"anna@example.org;anna2@example.org\",,false,2026-01-01T00:00:00Z",
            "2,Иван,,,\"ivan@;ivan@example.org\",ivan@,false,2026-01-01T00:00:00Z",
            "3,Gone,,,gone@example.org,,true,2026-01-01T00:00:00Z",
            "4,Nobody,,,,,false,2026-01-01T00:00:00Z");
        Assert.Multiple(() =>
        {
            Assert.That(result.Recipients.Select(r => (r.Line, r.Address, r.Name)), Is.EqualTo(new (int, string, string?)[] { (2, "anna@example.org", "Анна"), (3, "ivan@example.org", "Иван") }));
            Assert.That(result.Problems.Select(p => (p.Line, p.Reason)), Is.EqualTo(new[] { (4, "deleted"), (5, "no_address") }));
        });
        File.Delete(file);
    }

    [Test]
    public async Task ReadAsync_HeaderlessQuotedName_NameWithCommaKept()
    {
        var (result, file) = await ImportAsync(false, "anna@example.org,\"Smith, Anna\"", "ivan@example.org,Ivan,Petrov");
        Assert.That(result.Recipients.Select(r => r.Name), Is.EqualTo(new[] { "Smith, Anna", "Ivan,Petrov" }));
        File.Delete(file);
    }

    [Test]
    public void ContactIdOf_SameAddressAnyCase_SameNegativeId()
    {
        var id = RecipientImport.ContactIdOf("anna@example.org");
        Assert.Multiple(() =>
        {
            Assert.That(id, Is.Negative);
            Assert.That(RecipientImport.ContactIdOf("ANNA@example.org"), Is.EqualTo(id));
            Assert.That(RecipientImport.ContactIdOf("ivan@example.org"), Is.Not.EqualTo(id));
        });
    }
}
