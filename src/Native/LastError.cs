using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace ProtocolCore.Native;

/// <summary>
/// The message of the last failed call on each thread (libgit2's <c>git_error_last</c>). Kept as UTF-8 in a pinned
/// thread-static array, so the pointer <c>pc_last_error_message</c> returns needs no free and the array goes away with
/// its thread.
/// </summary>
internal static unsafe class LastError
{
    [ThreadStatic]
    private static byte[]? t_message;

    [ThreadStatic]
    private static int t_length;

    public static void Set(string message)
    {
        int length = Encoding.UTF8.GetByteCount(message);
        if (t_message is null || t_message.Length < length)
        {
            t_message = GC.AllocateUninitializedArray<byte>(Math.Max(length, 256), pinned: true);
        }

        t_length = Encoding.UTF8.GetBytes(message, t_message);
    }

    /// <summary>Records <paramref name="exception"/> and returns the status the export should return for it.</summary>
    public static int Set(Exception exception)
    {
        try
        {
            if (exception is PcException pc)
            {
                Set(pc.Message);
                return pc.Status;
            }

            // Anything else is a bug (or out of memory): say what it was, never let it cross the boundary.
            Set($"internal error: {exception.GetType().Name}: {exception.Message}");
        }
        catch (OutOfMemoryException)
        {
            // Recording the message needs memory too; the status alone must still get out.
            t_length = 0;
        }

        return exception is PcException failure ? failure.Status : PcStatus.Internal;
    }

    /// <summary>The message, or an empty one if no call failed on this thread yet.</summary>
    public static byte* Get(out int length)
    {
        length = t_length;
        return t_message is null ? null : (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(t_message));
    }
}
