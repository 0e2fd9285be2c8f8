namespace Connector.Sending.Ledger;

/// <summary>
/// What the reservation applies to one portal's marketing rows: its frequency cap, its quiet hours (null = none) and the
/// zone they are read in. Built per reservation from the policy's defaults (configuration) and the portal's own settings
/// (<c>portal_settings</c>, set in the app's Settings), a portal's value winning over configuration.
/// </summary>
public sealed record PortalSendRules(FrequencyCap Cap, QuietHours? Quiet, TimeZoneInfo Zone);
