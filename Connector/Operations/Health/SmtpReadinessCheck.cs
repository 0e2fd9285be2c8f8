using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Connector.Operations.Health;

/// <summary>
/// <c>smtp:TRANSPORT</c>: each configured relay accepts a TCP connection. The result of a connect is reused for
/// <c>Health:SmtpProbeInterval</c>, so probes do not open a connection each; one connect at a time per relay, bounded
/// by the check timeout. No SMTP dialogue (a relay's greeting and auth are the sender's business).
/// </summary>
public sealed class SmtpReadinessCheck(IReadOnlyList<SmtpRelay> relays, IOptions<HealthOptions> options, TimeProvider time) : IReadinessCheck, IDisposable
{
    public const string Prefix = "smtp:";

    public string Name => "smtp";

    private readonly Dictionary<string, (DateTimeOffset At, bool Reachable)> _known = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _probing = new(1, 1);

    public async Task<IReadOnlyList<ReadinessResult>> CheckAsync(CancellationToken cancellationToken)
    {
        if (relays.Count == 0)
        {
            return [];
        }

        await _probing.WaitAsync(cancellationToken);
        try
        {
            var results = new List<ReadinessResult>();
            foreach (var relay in relays)
            {
                var now = time.GetUtcNow();
                if (!_known.TryGetValue(relay.Name, out var known) || now - known.At >= options.Value.SmtpProbeInterval)
                {
                    known = (now, await ConnectsAsync(relay, cancellationToken));
                    _known[relay.Name] = known;
                }

                results.Add(new ReadinessResult(Prefix + relay.Name, known.Reachable, known.Reachable ? "reachable" : "unreachable"));
            }

            return results;
        }
        finally
        {
            _probing.Release();
        }
    }

    public void Dispose() => _probing.Dispose();

    private async Task<bool> ConnectsAsync(SmtpRelay relay, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(options.Value.CheckTimeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(relay.Host, relay.Port, bounded.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
