namespace Connector.Sync;

/// <summary>The CRM as the sync engine needs it. Implemented by each CRM adapter (Crm/Bitrix24).</summary>
public interface ICrmSource
{
    /// <summary>A stable key of the portal this source reads (tenant key in the mirror).</summary>
    string PortalKey { get; }

    /// <summary>The portal's domain, for the mirror's portal row and for people.</summary>
    string PortalDomain { get; }

    /// <summary>How the connector authenticates to it (webhook, oauth).</summary>
    string AuthMode { get; }

    Task<CrmReadResult> ReadAsync(CrmReadPlan plan, ICrmReadSink sink, CancellationToken cancellationToken);

    /// <summary>The portal's time zone (an id, or a fixed offset such as +03:00), null when it cannot say.</summary>
    Task<string?> TimeZoneAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>The portal's users (the card tabs name the responsible user), null when it cannot say.</summary>
    Task<IReadOnlyList<CrmUser>?> UsersAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<CrmUser>?>(null);

    /// <summary>The names of the portal's custom fields in the app's languages (the editors show them beside the codes), null when it cannot say.</summary>
    Task<IReadOnlyList<CrmFieldLabel>?> FieldLabelsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<CrmFieldLabel>?>(null);
}
