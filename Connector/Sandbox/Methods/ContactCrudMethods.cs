using System.Text.Json.Nodes;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>crm.contact.add/update/delete/get (api-reference/crm/contacts/): add answers the new ID, update/delete <c>true</c>.</summary>
public static class ContactCrudMethods
{
    public static SandboxCallResult Add(SandboxPortal portal, JsonObject parameters) =>
        SandboxParams.Get(parameters, "fields") is JsonObject fields
            ? SandboxCallResult.Ok(portal.AddContactCore(SandboxFieldsReader.Contact(fields)).Id)
            : SandboxCallResult.Fail(SandboxError.InvalidArgument("Parameter 'fields' must be array."));

    public static SandboxCallResult Update(SandboxPortal portal, JsonObject parameters)
    {
        if (SandboxParams.Get(parameters, "fields") is not JsonObject fields)
        {
            return SandboxCallResult.Fail(SandboxError.InvalidArgument("Parameter 'fields' must be array."));
        }

        var id = SandboxParams.AsLong(SandboxParams.Get(parameters, "id")) ?? 0;
        return portal.UpdateContactCore(id, SandboxFieldsReader.Contact(fields)) is null
            ? SandboxCallResult.Fail(SandboxError.NotFound)
            : SandboxCallResult.Ok(true);
    }

    public static SandboxCallResult Delete(SandboxPortal portal, JsonObject parameters) =>
        portal.DeleteContactCore(SandboxParams.AsLong(SandboxParams.Get(parameters, "id")) ?? 0)
            ? SandboxCallResult.Ok(true)
            : SandboxCallResult.Fail(SandboxError.NotFound);

    // crm.contact.get returns every field including the multi-fields and user fields.
    public static SandboxCallResult Get(SandboxPortal portal, JsonObject parameters) =>
        portal.FindContact(SandboxParams.AsLong(SandboxParams.Get(parameters, "id")) ?? 0) is { } contact
            ? SandboxCallResult.Ok(ContactWire.ToLegacy(contact, new SandboxSelect(true, new HashSet<string>(["EMAIL", "UF_*"]))))
            : SandboxCallResult.Fail(SandboxError.NotFound);
}
