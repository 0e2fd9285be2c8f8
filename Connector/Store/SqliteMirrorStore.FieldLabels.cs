using Connector.Sync;
using Dapper;

namespace Connector.Store;

public sealed partial class SqliteMirrorStore
{
    private const string InsertFieldLabel = """
        INSERT INTO custom_field_labels (portal_id, owner, code, lang, type, label, synced_at)
        VALUES (@PortalId, @Owner, @Code, @Lang, @Type, @Label, @Now)
        ON CONFLICT (portal_id, owner, code, lang) DO UPDATE SET type = excluded.type, label = excluded.label, synced_at = excluded.synced_at
        """;

    /// <summary>The portal's custom-field labels as the userfield lists gave them, replacing the ones before, in one transaction.</summary>
    public async Task ReplaceFieldLabelsAsync(long portalId, IReadOnlyList<CrmFieldLabel> labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var now = Now;
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var gate = connections.EnterWriter(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM custom_field_labels WHERE portal_id = @PortalId", new { PortalId = portalId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertFieldLabel, labels.Select(l => new
        {
            PortalId = portalId, l.Owner, l.Code, l.Lang, l.Type, l.Label, Now = now,
        }), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
