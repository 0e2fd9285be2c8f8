namespace Connector.Web.Settings.Smtp;

/// <summary>The transports and routes of the configuration, or that a pickup folder replaces them (<c>Smtp:PickupFolder</c>).</summary>
public sealed record SmtpOverview(bool PickupFolder, IReadOnlyList<SmtpTransportView> Transports, IReadOnlyList<SmtpRouteView> Routes, string? Problem);
