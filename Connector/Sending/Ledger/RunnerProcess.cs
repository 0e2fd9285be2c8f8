using System.Diagnostics;

namespace Connector.Sending.Ledger;

/// <summary>The host and process a runner's lease names, and whether a process of this host still runs.</summary>
public static class RunnerProcess
{
    public static string Host { get; } = Environment.MachineName;

    public static int Id { get; } = Environment.ProcessId;

    /// <summary>False when no process with this id runs here (it exited, was killed, or never existed).</summary>
    public static bool IsAlive(long pid)
    {
        if (pid <= 0 || pid > int.MaxValue)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById((int)pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
