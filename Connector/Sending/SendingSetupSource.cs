using Microsoft.Extensions.Configuration;

namespace Connector.Sending;

/// <summary>
/// The sending setup (settings, token key, DKIM keys, transports), built once on first use so that a host without
/// sending configured still starts; <see cref="GetAsync"/> says what is missing as a value naming the key or file.
/// The transports are disposed with the container.
/// </summary>
public sealed class SendingSetupSource(IConfiguration configuration, TimeProvider time, SandboxPickup? pickup = null) : IAsyncDisposable
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
                _setup = SendingSetup.From(effective, time);
            }

            return (_setup, null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or FormatException or UnauthorizedAccessException)
        {
            return (null, ex.Message);
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
