using Connector.Sending.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Connector.Sending;

/// <summary>
/// The sending setup (settings from the bound options, token key, DKIM keys, transports), built once on first use so
/// that a host without sending configured still starts; <see cref="GetAsync"/> says what is missing as a value naming
/// the key or file. The transports are disposed with the container.
/// </summary>
public sealed class SendingSetupSource(
    IConfiguration configuration, TimeProvider time, IOptions<SenderOptions> sender, IOptions<DkimOptions> dkim, IOptions<TrackingOptions> tracking,
    IOptions<BouncesOptions> bounces, SandboxPickup? pickup = null) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SendingSetup? _setup;

    /// <summary>The pickup folder the sandbox writes to, when no relay is configured; null otherwise.</summary>
    public string? SandboxPickupFolder => pickup?.Folder;

    public async Task<(SendingSetup? Setup, string? Problem)> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_setup is null)
            {
                var effective = pickup is null ? configuration : new ConfigurationBuilder().AddConfiguration(configuration)
                    .AddInMemoryCollection(new Dictionary<string, string?> { ["Smtp:PickupFolder"] = pickup.Folder }).Build();
                if (pickup is not null && string.Equals(dkim.Value.Domain, SandboxPickup.Domain, StringComparison.OrdinalIgnoreCase)
                    && Dkim.DkimKeyGenerator.ExistingKey(dkim.Value.KeyFolder) is null)
                {
                    // The sandbox's own reserved domain only: keys for a real domain are made by `dkim keygen`, never silently.
                    Dkim.DkimKeyGenerator.Generate(SandboxPickup.Domain, dkim.Value.KeyFolder, time.GetUtcNow());
                }

                var settings = SendingSettings.From(sender.Value, dkim.Value, tracking.Value, bounces.Value);
                _setup = SendingSetup.From(settings, tracking.Value.SigningKey, effective, time);
            }

            return (_setup, null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or FormatException or UnauthorizedAccessException)
        {
            return (null, ex.Message);
        }
        catch (OptionsValidationException ex)
        {
            // Only where nothing validated at start (a bare provider): the same one line naming the key.
            return (null, ex.Failures.FirstOrDefault() ?? ex.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_setup is not null)
        {
            await _setup.Transport.DisposeAsync();
        }

        _gate.Dispose();
    }
}
