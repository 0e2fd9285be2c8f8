namespace Connector.Web.Settings.Smtp;

/// <summary>A route by sender domain (<c>Smtp:Routes:DOMAIN</c>, <c>*</c> for every other) to transports in order.</summary>
public sealed record SmtpRouteView(string SenderDomain, IReadOnlyList<string> Transports);
