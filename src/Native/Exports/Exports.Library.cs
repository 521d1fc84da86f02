using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ProtocolCore.Native.Exports;

/// <summary>
/// The C ABI (include/protocolcore.h). Every export is cdecl, returns an <c>int32_t</c> status (or a plain value that
/// cannot fail) and catches every exception: one escaping an <c>[UnmanagedCallersOnly]</c> method kills the process.
/// </summary>
internal static unsafe partial class NativeExports
{
    /// <summary>Bumped in its minor half for additions, in its major half for anything else (never so far).</summary>
    public const uint AbiVersion = (1u << 16) | 4u;

    [UnmanagedCallersOnly(EntryPoint = "pc_abi_version", CallConvs = [typeof(CallConvCdecl)])]
    public static uint GetAbiVersion() => AbiVersion;

    [UnmanagedCallersOnly(EntryPoint = "pc_last_error_message", CallConvs = [typeof(CallConvCdecl)])]
    public static int GetLastErrorMessage(byte** message, nuint* length)
    {
        if (message is null || length is null)
        {
            return PcStatus.InvalidArgument;
        }

        *message = LastError.Get(out int count);
        *length = (nuint)count;
        return PcStatus.Ok;
    }

    [UnmanagedCallersOnly(EntryPoint = "pc_debug_live_handles", CallConvs = [typeof(CallConvCdecl)])]
    public static int GetLiveHandles(long* count)
    {
        if (count is null)
        {
            return InvalidArgument("count is null");
        }

        *count = s_codecs.Count + s_sessions.Count;
        return PcStatus.Ok;
    }

    /// <summary>The body of every <c>pc_*_destroy</c>: null-safe, a stale or forged handle is an error, never a crash.</summary>
    private static int Destroy<T>(HandleTable<T> table, nint handle)
        where T : class, IDisposable
    {
        try
        {
            if (handle == 0)
            {
                return PcStatus.Ok;
            }

            T? instance = table.Remove(handle);
            if (instance is null)
            {
                return InvalidHandle();
            }

            instance.Dispose();
            return PcStatus.Ok;
        }
        catch (Exception e)
        {
            return LastError.Set(e);
        }
    }

    private static int InvalidArgument(string message)
    {
        LastError.Set(message);
        return PcStatus.InvalidArgument;
    }

    /// <summary>A (pointer, length) input as a span; null is allowed only with length 0.</summary>
    private static bool TryGetInput(byte* pointer, nuint length, string name, out ReadOnlySpan<byte> span, out int status)
    {
        span = default;
        status = PcStatus.Ok;
        if (pointer is null && length != 0)
        {
            status = InvalidArgument($"{name} is null but its length is {length}");
            return false;
        }

        if (length > int.MaxValue)
        {
            status = InvalidArgument($"{name} is longer than {int.MaxValue} bytes");
            return false;
        }

        span = new ReadOnlySpan<byte>(pointer, (int)length);
        return true;
    }
}
