using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace ProtocolCore.Scale.Client;

/// <summary>
/// The process's CPU time (user + system, all threads) from <c>clock_gettime(CLOCK_PROCESS_CPUTIME_ID)</c>, to the
/// nanosecond. <see cref="Environment.CpuUsage"/> and <c>Process.TotalProcessorTime</c> read <c>/proc/self/stat</c>
/// on Linux, in 10 ms clock ticks: too coarse for a one-session run that burns a few tens of milliseconds.
/// </summary>
internal static partial class ProcessCpu
{
    private const int ClockProcessCpuTimeId = 2;

    public static TimeSpan Now
    {
        get
        {
            if (!OperatingSystem.IsLinux())
            {
                return Environment.CpuUsage.TotalTime;
            }

            if (ClockGetTime(ClockProcessCpuTimeId, out TimeSpec time) != 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError());
            }

            return TimeSpan.FromSeconds(time.Seconds) + TimeSpan.FromTicks(time.Nanoseconds / 100);
        }
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
