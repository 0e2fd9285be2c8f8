using Connector.Crm.Bitrix24.Installs;
using Connector.Crm.Bitrix24.OAuth;
using Connector.Store;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Crm.Bitrix24;

public static class Bitrix24ConfigurationExtensions
{
    public const string ClientSection = "Bitrix24:Client";

    /// <summary>
    /// The client with its options (AttemptTimeout, RetryCount, ...) from <c>Bitrix24:Client</c>, webhook and OAuth
    /// credentials, the install store with tokens encrypted by Data Protection (keys beside the store file).
    /// </summary>
    /// <summary><c>Bitrix24:*</c> (webhook, OAuth identity) and <c>Bitrix24:Client:*</c> bound and validated at start.</summary>
    public static IServiceCollection AddBitrix24Options(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Bitrix24Options>().Bind(configuration.GetSection(Bitrix24Options.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Bitrix24Options>, Bitrix24OptionsValidator>());
        services.AddOptions<Bitrix24OAuthOptions>().Bind(configuration.GetSection(Bitrix24Options.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Bitrix24OAuthOptions>, Bitrix24OAuthOptionsValidator>());
        services.AddOptions<Bitrix24ClientOptions>().Bind(configuration.GetSection(ClientSection)).ValidateOnStart();
        return services;
    }

    public static IServiceCollection AddBitrix24Client(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBitrix24Client();
        services.AddBitrix24Options(configuration);

        var store = configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() ?? new StoreOptions();
        var keys = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(store.Path)) ?? ".", "keys");
        // Linux has no key encryptor: the key ring is protected by the folder's permissions (owner only).
        var folder = PrivateFiles.CreateFolder(keys);
        if (!OperatingSystem.IsWindows())
        {
            folder.UnixFileMode = PrivateFiles.FolderMode;
        }

        services.AddDataProtection().SetApplicationName("CrmEspBridge").PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.TryAddSingleton<TokenProtector>();
        services.TryAddSingleton<Bitrix24InstallStore>();
        services.TryAddSingleton<Bitrix24TokenRefresher>();
        // The URL of a token request carries the client secret: no HTTP logging on this client.
        services.AddHttpClient(Bitrix24OAuthServer.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.TryAddSingleton<Bitrix24OAuthServer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBitrix24Credentials, Bitrix24OAuthCredentials>());
        return services;
    }
}
