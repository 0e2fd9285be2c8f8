using System.Runtime.InteropServices;

namespace Connector.Sending.Profiling;

/// <summary>
/// CPU time per <see cref="SendStage"/>, summed over every thread (<c>Sending:Profile=true</c>): each stage reads the
/// calling thread's CPU clock (<c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, about 0.5 µs here) before and after,
/// so time spent waiting — for a connection, a reply, the store's write gate while another writer holds it — is not
/// counted. What the stages leave out (thread hand-offs, the GC, the runtime's own threads, start-up) is the process
/// CPU minus their sum, which the caller can print as "other". Thread-safe. Off (null) unless asked for: about a dozen
/// clock reads a message, well under 1% of its CPU.
/// </summary>
public sealed class SendStages
{
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID on Linux
    private readonly long[] _nanoseconds = new long[Enum.GetValues<SendStage>().Length];
    private long _messages;

    /// <summary>The calling thread's CPU time in nanoseconds (0 where the clock cannot be read: then nothing is measured).</summary>
    public long ThreadCpu() => OperatingSystem.IsLinux() && NativeMethods.clock_gettime(ThreadCpuClock, out var now) == 0 ? (now.Seconds * 1_000_000_000) + now.Nanoseconds : 0;

    /// <summary>Adds the calling thread's CPU time since <paramref name="started"/> (a <see cref="ThreadCpu"/> reading) to <paramref name="stage"/>.</summary>
    public void Add(SendStage stage, long started)
    {
        var spent = ThreadCpu() - started;
        if (started > 0 && spent > 0)
        {
            Interlocked.Add(ref _nanoseconds[(int)stage], spent);
        }
    }

    /// <summary>Counts one message handed to the transport (the divisor of <see cref="PerMessage"/>).</summary>
    public void CountMessage() => Interlocked.Increment(ref _messages);

    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Total CPU milliseconds of <paramref name="stage"/> so far.</summary>
    public double Milliseconds(SendStage stage) => Interlocked.Read(ref _nanoseconds[(int)stage]) / 1e6;

    /// <summary>CPU milliseconds per message by stage (lower-case stage names), or empty before the first message.</summary>
    public IReadOnlyDictionary<string, double> PerMessage()
    {
        var messages = Messages;
        return messages == 0
            ? new Dictionary<string, double>()
            : Enum.GetValues<SendStage>().ToDictionary(s => s.ToString().ToLowerInvariant(), s => Math.Round(Milliseconds(s) / messages, 4));
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Interoperability", "SYSLIB1054", Justification = "LibraryImport needs unsafe code for a two-field struct; this is one blittable call.")]
        internal static extern int clock_gettime(int clock, out TimeSpec value);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
