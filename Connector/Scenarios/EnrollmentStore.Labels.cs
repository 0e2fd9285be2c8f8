using Dapper;

namespace Connector.Scenarios;

public sealed partial class EnrollmentStore
{
    /// <summary>The mirror's titles of the portal's deals and names of its contacts among the ids given (missing ones are left out).</summary>
    public async Task<(IReadOnlyDictionary<long, string> Deals, IReadOnlyDictionary<long, string> Contacts)> LabelsAsync(
        long portalId, IReadOnlyCollection<long> dealIds, IReadOnlyCollection<long> contactIds, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var deals = await connection.QueryAsync<(long Id, string? Title)>(new CommandDefinition(
            "SELECT crm_id, title FROM deals WHERE portal_id = @PortalId AND crm_id IN @Ids", new { PortalId = portalId, Ids = dealIds }, cancellationToken: cancellationToken));
        var contacts = await connection.QueryAsync<(long Id, string? Name, string? LastName)>(new CommandDefinition(
            "SELECT crm_id, name, last_name FROM contacts WHERE portal_id = @PortalId AND crm_id IN @Ids", new { PortalId = portalId, Ids = contactIds }, cancellationToken: cancellationToken));
        return (deals.Where(d => d.Title is not null).ToDictionary(d => d.Id, d => d.Title!),
            contacts.ToDictionary(c => c.Id, c => string.Join(' ', new[] { c.Name, c.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)))));
    }
}
