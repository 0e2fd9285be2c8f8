namespace Connector.Sync;

/// <summary>Starts a full pass of one portal now, in the background (a portal that just installed the app).</summary>
public interface ISyncTrigger
{
    Task TriggerFullAsync(string portalKey, CancellationToken cancellationToken);
}
