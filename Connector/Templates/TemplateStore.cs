using System.Text.Json;
using Connector.Store;
using Dapper;

namespace Connector.Templates;

/// <summary>
/// Templates as store rows, one per (name, version). Saving compiles first: a template with a Liquid error or an unknown
/// variable is refused with its errors and never stored, so nothing invalid can reach a send. A declared custom field
/// the CRM mirror does not have is refused too, once the mirror holds any custom fields of that kind.
/// </summary>
public sealed class TemplateStore(SqliteConnectionFactory connections, TemplateCompiler compiler, TimeProvider time)
{
    private const string Insert = """
        INSERT INTO templates (name, version, body, created_at) VALUES (@Name, @Version, @Body, @Now)
        ON CONFLICT (name, version) DO NOTHING
        """;

    private const string Latest = "SELECT body FROM templates WHERE name = @Name ORDER BY version DESC LIMIT 1";

    private const string Version = "SELECT body FROM templates WHERE name = @Name AND version = @Version";

    /// <summary>The errors that stopped the save (empty when saved; a version that already exists is an error too).</summary>
    public async Task<IReadOnlyList<TemplateError>> SaveAsync(TemplateFile template, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        var compiled = compiler.Compile(template);
        if (compiled.Errors.Count > 0)
        {
            return compiled.Errors;
        }

        var unknown = await UnknownCustomFieldsAsync(template, cancellationToken);
        if (unknown.Count > 0)
        {
            return unknown;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            template.Name, template.Version, Body = JsonSerializer.Serialize(template, TemplateFile.Json), Now = UtcText.From(time.GetUtcNow()),
        }, cancellationToken: cancellationToken));
        return inserted == 1 ? [] : [new TemplateError(template.Name, null, null, $"version {template.Version} already exists; save a new version")];
    }

    private async Task<List<TemplateError>> UnknownCustomFieldsAsync(TemplateFile template, CancellationToken cancellationToken)
    {
        if (template.CustomFields.Count == 0)
        {
            return [];
        }

        var (contact, deal) = await new MirrorCustomFields(connections).KnownAsync(cancellationToken);
        return template.CustomFields
            .Select(declared => (Declared: declared, Field: CustomFieldNames.Parse(declared)!.Value))
            .Where(f => (f.Field.Owner == CustomFieldNames.Deal ? deal : contact) is { Count: > 0 } known && !known.Contains(f.Field.Code))
            .Select(f => new TemplateError(template.Name, null, f.Declared, $"the CRM has no {f.Field.Owner} field {f.Field.Code} (none of its mirrored {f.Field.Owner}s carries it)"))
            .ToList();
    }

    public async Task<TemplateFile?> LatestAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var body = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(Latest, new { Name = name }, cancellationToken: cancellationToken));
        return body is null ? null : TemplateFile.Parse(body, name);
    }

    /// <summary>The stored version (the latest when <paramref name="version"/> is null); null when there is no such template or version.</summary>
    public async Task<TemplateFile?> FindAsync(string name, int? version, CancellationToken cancellationToken)
    {
        if (version is null)
        {
            return await LatestAsync(name, cancellationToken);
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var body = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(Version, new { Name = name, Version = version.Value }, cancellationToken: cancellationToken));
        return body is null ? null : TemplateFile.Parse(body, name);
    }
}
