using System.Text.Json.Nodes;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// crm.deal.add/update/delete/get (api-reference/crm/deals/). Update with a new STAGE_ID moves the deal and
/// writes stage history like <see cref="SandboxPortal.MoveDeal"/>; an unknown stage is a 400.
/// </summary>
public static class DealCrudMethods
{
    public static SandboxCallResult Add(SandboxPortal portal, JsonObject parameters)
    {
        if (SandboxParams.Get(parameters, "fields") is not JsonObject fields)
        {
            return SandboxCallResult.Fail(SandboxError.InvalidArgument("Parameter 'fields' must be array."));
        }

        try
        {
            return SandboxCallResult.Ok(portal.AddDealCore(SandboxFieldsReader.Deal(fields)).Id);
        }
        catch (ArgumentException ex)
        {
            return SandboxCallResult.Fail(new SandboxError(400, string.Empty, ex.Message));
        }
    }

    public static SandboxCallResult Update(SandboxPortal portal, JsonObject parameters)
    {
        if (SandboxParams.Get(parameters, "fields") is not JsonObject fields)
        {
            return SandboxCallResult.Fail(SandboxError.InvalidArgument("Parameter 'fields' must be array."));
        }

        try
        {
            var id = SandboxParams.AsLong(SandboxParams.Get(parameters, "id")) ?? 0;
            return portal.UpdateDealCore(id, SandboxFieldsReader.Deal(fields)) is null
                ? SandboxCallResult.Fail(SandboxError.NotFound)
                : SandboxCallResult.Ok(true);
        }
        catch (ArgumentException ex)
        {
            return SandboxCallResult.Fail(new SandboxError(400, string.Empty, ex.Message));
        }
    }

    public static SandboxCallResult Delete(SandboxPortal portal, JsonObject parameters) =>
        portal.DeleteDeal(SandboxParams.AsLong(SandboxParams.Get(parameters, "id")) ?? 0)
            ? SandboxCallResult.Ok(true)
            : SandboxCallResult.Fail(SandboxError.NotFound);

    public static SandboxCallResult Get(SandboxPortal portal, JsonObject parameters) =>
        portal.FindDeal(SandboxParams.AsLong(SandboxParams.Get(parameters, "id")) ?? 0) is { } deal
            ? SandboxCallResult.Ok(DealWire.ToLegacy(deal))
            : SandboxCallResult.Fail(SandboxError.NotFound);
}
