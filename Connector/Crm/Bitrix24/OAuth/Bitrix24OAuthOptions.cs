namespace Connector.Crm.Bitrix24.OAuth;

/// <summary>The app's OAuth identity. The client secret is only ever sent to <see cref="OAuthServer"/>.</summary>
public sealed record Bitrix24OAuthOptions
{
    public Uri OAuthServer { get; init; } = new("https://oauth.bitrix.info");

    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    /// <summary>A refresh token lives 180 days; an install idle this long is refreshed by the keep-alive job.</summary>
    public TimeSpan IdleRefreshAfter { get; init; } = TimeSpan.FromDays(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}
