namespace Connector.Crm.Bitrix24.Placement;

/// <summary>The placement authenticator and its HTTP client: no redirects followed, no HTTP logging (the body carries a user's token).</summary>
public static class Bitrix24PlacementProofRegistration
{
    public static IServiceCollection AddBitrix24PlacementProof(this IServiceCollection services)
    {
        services.AddSingleton<Bitrix24PlacementAuthenticator>();
        services.AddHttpClient(Bitrix24PlacementAuthenticator.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();
        return services;
    }
}
