using System.Collections.Concurrent;

namespace Connector.Templates.Ui;

/// <summary>
/// Test sends per portal: <see cref="Permits"/> in each <see cref="Window"/> (a fixed window on the host's clock), so
/// the page's "send a test" cannot be used as a mass-mailing loophole around suppression and frequency rules.
/// </summary>
public sealed class TemplateTestSendLimit(TimeProvider time)
{
    public const int Permits = 20;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<long, (DateTimeOffset Start, int Used)> _windows = new();

    /// <summary>True (and one permit spent) when the portal has a test send left in this window.</summary>
    public bool TryTake(long portalId)
    {
        var now = time.GetUtcNow();
        var taken = false;
        _windows.AddOrUpdate(portalId,
            _ => { taken = true; return (now, 1); },
            (_, window) =>
            {
                if (now - window.Start >= Window)
                {
                    taken = true;
                    return (now, 1);
                }

                taken = window.Used < Permits;
                return taken ? (window.Start, window.Used + 1) : window;
            });
        return taken;
    }
}
