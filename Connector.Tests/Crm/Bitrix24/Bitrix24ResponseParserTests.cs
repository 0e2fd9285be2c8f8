using System.Text;
using System.Text.Json;
using Connector.Crm.Bitrix24;

namespace Connector.Tests.Crm.Bitrix24;

[CancelAfter(120_000)]
public sealed class Bitrix24ResponseParserTests
{
    [Test]
    public void ParseCall_ContactListFixture_ReturnsRowsTotalAndTime()
    {
        var fixture = Bitrix24Fixture.Load("crm-contact-list");

        var response = Bitrix24ResponseParser.ParseCall("crm.contact.list", fixture.Status, fixture.Bytes);

        Assert.That(response.IsSuccess, Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(response.Value!.Result.GetArrayLength(), Is.EqualTo(2));
            Assert.That(response.Value.Total, Is.EqualTo(5));
            Assert.That(response.Value.Next, Is.Null);
            Assert.That(response.Time!.Duration, Is.EqualTo(0.5320150852203369));
            Assert.That(response.Time.Operating, Is.Null);
        });
    }

    [Test]
    public void ParseCall_TimeWithOperatingFields_ReadsOperatingAndReset()
    {
        var fixture = Bitrix24Fixture.Load("time-with-operating");

        var response = Bitrix24ResponseParser.ParseCall("crm.deal.list", fixture.Status, fixture.Bytes);

        Assert.Multiple(() =>
        {
            Assert.That(response.Time!.Operating, Is.EqualTo(0.6726338863372803));
            Assert.That(response.Time.OperatingResetAt, Is.EqualTo(1757425271));
        });
    }

    [Test]
    public void ParseCall_AccessDeniedWithEmptyCode_MethodErrorWithEmptyCode()
    {
        var fixture = Bitrix24Fixture.Load("crm-contact-list-access-denied");

        var response = Bitrix24ResponseParser.ParseCall("crm.contact.list", fixture.Status, fixture.Bytes);

        Assert.That(response.Error, Is.EqualTo(new Bitrix24Error(Bitrix24ErrorKind.Method, "", "Access denied.", 400)));
        Assert.That(response.Error!.ToString(), Does.Contain("(no code)"));
    }

    [TestCase("error-expired-token", Bitrix24ErrorKind.Auth, "expired_token")]
    [TestCase("error-query-limit", Bitrix24ErrorKind.RateLimited, "QUERY_LIMIT_EXCEEDED")]
    [TestCase("error-overload-limit", Bitrix24ErrorKind.Server, "OVERLOAD_LIMIT")]
    [TestCase("error-operation-time-limit", Bitrix24ErrorKind.OperatingLimit, "OPERATION_TIME_LIMIT")]
    [TestCase("error-handler-exists", Bitrix24ErrorKind.Method, "ERROR_HANDLER_ALREADY_EXIST")]
    public void ParseCall_ErrorFixture_MapsCodeToKind(string name, Bitrix24ErrorKind kind, string code)
    {
        var fixture = Bitrix24Fixture.Load(name);

        var response = Bitrix24ResponseParser.ParseCall("crm.contact.list", fixture.Status, fixture.Bytes);

        Assert.Multiple(() =>
        {
            Assert.That(response.Error!.Kind, Is.EqualTo(kind));
            Assert.That(response.Error.Code, Is.EqualTo(code));
            Assert.That(response.Error.HttpStatus, Is.EqualTo(fixture.Status));
        });
    }

    [TestCase(403, Bitrix24ErrorKind.Forbidden)]
    [TestCase(401, Bitrix24ErrorKind.Auth)]
    [TestCase(404, Bitrix24ErrorKind.Method)]
    [TestCase(500, Bitrix24ErrorKind.Server)]
    public void ParseCall_UnknownCode_KindFromStatus(int status, Bitrix24ErrorKind kind)
    {
        var body = Encoding.UTF8.GetBytes("""{"error":"SOMETHING_NEW","error_description":"x"}""");

        var response = Bitrix24ResponseParser.ParseCall("crm.contact.get", status, body);

        Assert.That(response.Error!.Kind, Is.EqualTo(kind));
    }

    [TestCase(200, "<html><body>502 Bad Gateway</body></html>", Bitrix24ErrorKind.InvalidResponse)]
    [TestCase(200, "", Bitrix24ErrorKind.InvalidResponse)]
    [TestCase(200, "[1,2]", Bitrix24ErrorKind.InvalidResponse)]
    [TestCase(200, """{"total":1}""", Bitrix24ErrorKind.InvalidResponse)]
    [TestCase(502, "<html>Bad Gateway</html>", Bitrix24ErrorKind.Server)]
    public void ParseCall_NotBitrixJson_ErrorNamingMethod(int status, string body, Bitrix24ErrorKind kind)
    {
        var response = Bitrix24ResponseParser.ParseCall("crm.contact.list", status, Encoding.UTF8.GetBytes(body));

        Assert.Multiple(() =>
        {
            Assert.That(response.Error!.Kind, Is.EqualTo(kind));
            Assert.That(response.Error.Description, Does.StartWith("crm.contact.list: "));
        });
    }

    [Test]
    public void ParseBatch_SuccessFixture_ReadsResultsTotalsTimesAndEmptyMaps()
    {
        var fixture = Bitrix24Fixture.Load("batch-success");

        var outcome = Bitrix24ResponseParser.ParseBatch(fixture.Status, fixture.Bytes).Value!;

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Results.Keys, Is.EquivalentTo(new[] { "get_user", "get_department" }));
            Assert.That(outcome.Results["get_user"].GetProperty("NAME").GetString(), Is.EqualTo("John"));
            Assert.That(outcome.Results["get_department"].ValueKind, Is.EqualTo(JsonValueKind.Array));
            Assert.That(outcome.Errors, Is.Empty);
            Assert.That(outcome.Totals, Is.EquivalentTo(new Dictionary<string, int> { ["get_department"] = 1 }));
            Assert.That(outcome.Next, Is.Empty);
            Assert.That(outcome.Times["get_user"].Duration, Is.EqualTo(0.0032150745391845703));
        });
    }

    [Test]
    public void ParseBatch_Halt0ErrorFixture_ErrorsPerCommandAndEmptyMaps()
    {
        var fixture = Bitrix24Fixture.Load("batch-halt0-errors");

        var response = Bitrix24ResponseParser.ParseBatch(fixture.Status, fixture.Bytes);

        Assert.That(response.IsSuccess, Is.True);
        var outcome = response.Value!;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Results, Is.Empty);
            Assert.That(outcome.Totals, Is.Empty);
            Assert.That(outcome.Times, Is.Empty);
            Assert.That(outcome.Errors["get_user"], Is.EqualTo(new Bitrix24Error(Bitrix24ErrorKind.Forbidden, "insufficient_scope", "")));
            Assert.That(outcome.Errors["get_department"].Code, Is.EqualTo("insufficient_scope"));
        });
    }

    [Test]
    public void ParseBatch_CommandOperationTimeLimit_OperatingLimitKind()
    {
        var body = """
            {"result":{"result":{"a":[]},"result_error":{"b":{"error":"OPERATION_TIME_LIMIT","error_description":"Method is blocked due to operation time limit."}},
             "result_total":{"a":"0"},"result_next":[],"result_time":[]},"time":{"start":1,"finish":2,"duration":1,"processing":1}}
            """;

        var outcome = Bitrix24ResponseParser.ParseBatch(200, Encoding.UTF8.GetBytes(body)).Value!;

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Errors["b"].Kind, Is.EqualTo(Bitrix24ErrorKind.OperatingLimit));
            Assert.That(outcome.Totals["a"], Is.EqualTo(0));
        });
    }
}
