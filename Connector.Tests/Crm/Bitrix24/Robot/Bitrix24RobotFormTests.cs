using Connector.Crm.Bitrix24.Automation.Robot;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Connector.Tests.Crm.Bitrix24.Robot;

/// <summary>
/// The robot's POST as bitrix24-automation.md §6.3 lists it (document_id[2] = DEAL_123, properties[key]) and the
/// property values it carries: template required, delay empty/0 or a scenario duration, kind marketing or transactional.
/// </summary>
[CancelAfter(10_000)]
public sealed class Bitrix24RobotFormTests
{
    private static Bitrix24RobotForm Form(string documentEntity, string documentId, string template = "proposal", string delay = "0", string kind = "marketing") =>
        Bitrix24RobotForm.From(new FormCollection(new Dictionary<string, StringValues>
        {
            ["workflow_id"] = "55c1dc1c3f0d75.78875596", ["code"] = "crmespbridge_send_email", ["event_token"] = "wf|A1|ev.sig",
            ["document_id[0]"] = "crm", ["document_id[1]"] = documentEntity, ["document_id[2]"] = documentId,
            ["properties[template]"] = template, ["properties[delay]"] = delay, ["properties[kind]"] = kind,
        }));

    [TestCase("CCrmDocumentDeal", "DEAL_759", 759L)]
    [TestCase("CCrmDocumentDeal", "DEAL_0", null)]
    [TestCase("CCrmDocumentDeal", "DEAL_x", null)]
    [TestCase("CCrmDocumentLead", "LEAD_5", null)]
    [TestCase("CCrmDocumentContact", "CONTACT_3", null)]
    public void DealId_FromDocumentId_OnlyDeals(string entity, string id, long? expected) =>
        Assert.That(Form(entity, id).DealId, Is.EqualTo(expected));

    [TestCase("proposal", "0", "marketing", null, 0, false)]
    [TestCase("proposal", "", "", null, 0, false)]
    [TestCase("proposal", "2h", "transactional", null, 120, true)]
    [TestCase("proposal", "1d12h", "Marketing", null, 2160, false)]
    [TestCase("", "0", "marketing", "missing_template", 0, false)]
    [TestCase("proposal", "soon", "marketing", "bad_delay", 0, false)]
    [TestCase("proposal", "2", "marketing", "bad_delay", 0, false)]
    [TestCase("proposal", "0", "bulk", "bad_kind", 0, false)]
    public void Read_PropertyValues_TemplateDelayKindOrTheFirstBadOne(string template, string delay, string kind, string? refused, int minutes, bool transactional)
    {
        var properties = RobotProperties.Read(Form("CCrmDocumentDeal", "DEAL_1", template, delay, kind));

        Assert.That((properties.Refused, properties.Delay, properties.Transactional), Is.EqualTo((refused, TimeSpan.FromMinutes(minutes), transactional)));
    }
}
