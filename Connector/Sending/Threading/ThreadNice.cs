using System.Runtime.InteropServices;

namespace Connector.Sending.Threading;

/// <summary>
/// Lowers the calling thread's scheduling priority (its nice value, Linux only; a thread may always lower its own
/// priority, no privilege needed). Elsewhere, or when the call fails, nothing changes: the priority is a hint.
/// </summary>
internal static class ThreadNice
{
    private const int PrioProcess = 0;

    /// <summary>
    /// Lowers this thread's priority by <paramref name="steps"/> nice steps from where it is (a process started with
    /// <c>nice -n 5</c> gets compose threads at 15), at most to 19; true when it took effect.
    /// </summary>
    public static bool TryLowerCurrentThread(int steps)
    {
        if (!OperatingSystem.IsLinux() || steps <= 0 || OfCurrentThread() is not { } current)
        {
            return false;
        }

        try
        {
            // With PRIO_PROCESS, Linux takes a thread id as "who": the nice value is per thread there.
            return NativeMethods.setpriority(PrioProcess, NativeMethods.gettid(), Math.Min(19, current + steps)) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The calling thread's nice value, or null where it cannot be read.</summary>
    public static int? OfCurrentThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            Marshal.SetLastPInvokeError(0);
            var nice = NativeMethods.getpriority(PrioProcess, NativeMethods.gettid());
            return nice == -1 && Marshal.GetLastPInvokeError() != 0 ? null : nice;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    // DllImport, like SendStages: LibraryImport needs unsafe code, and these are plain blittable calls.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Interoperability", "SYSLIB1054", Justification = "Blittable int calls; LibraryImport needs unsafe code.")]
    private static class NativeMethods
    {
        [DllImport("libc")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int gettid();

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int setpriority(int which, int who, int prio);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int getpriority(int which, int who);
    }
}
