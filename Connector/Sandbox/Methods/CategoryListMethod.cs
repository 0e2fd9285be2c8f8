using System.Text.Json.Nodes;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// crm.category.list (api-reference/crm/universal/category/crm-category-list.md): <c>{"categories":[...]}</c>,
/// integers for id/sort/entityTypeId, isDefault "Y"/"N"; the default pipeline has no origin fields.
/// </summary>
public static class CategoryListMethod
{
    public static SandboxCallResult Run(SandboxPortal portal, JsonObject parameters)
    {
        var entityTypeId = SandboxParams.AsLong(SandboxParams.Get(parameters, "entityTypeId"));
        if (entityTypeId != 2)
        {
            return SandboxCallResult.Fail(new SandboxError(400, "NOT_FOUND", "Smart process not found"));
        }

        var categories = new JsonArray();
        foreach (var pipeline in portal.Pipelines.OrderBy(p => p.IsDefault).ThenBy(p => p.Id))
        {
            var row = new JsonObject
            {
                ["id"] = pipeline.Id,
                ["name"] = pipeline.Name,
                ["sort"] = pipeline.Sort,
                ["entityTypeId"] = 2,
                ["isDefault"] = SandboxParams.YesNo(pipeline.IsDefault),
            };
            if (!pipeline.IsDefault)
            {
                row["originId"] = string.Empty;
                row["originatorId"] = string.Empty;
            }

            categories.Add(row);
        }

        return new SandboxCallResult(new JsonObject { ["categories"] = categories }, categories.Count, null, categories.Count, null);
    }
}
