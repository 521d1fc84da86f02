using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ProtocolCore.Native.Exports;

/// <summary><c>pc_codec_*</c>: the sans-IO codec (<see cref="ProtocolCodec"/>) behind opaque handles.</summary>
internal static unsafe partial class NativeExports
{
    /// <summary>A sanity bound on the caller's sizeof(pc_event), so a garbage size cannot send writes far past the array.</summary>
    private const uint MaxEventStride = 4096;

    private static readonly HandleTable<ProtocolCodec> s_codecs = new();

    [UnmanagedCallersOnly(EntryPoint = "pc_codec_create", CallConvs = [typeof(CallConvCdecl)])]
    public static int CodecCreate(byte* options, nuint optionsLength, nint* codec)
    {
        try
        {
            if (codec is null)
            {
                return InvalidArgument("out_codec is null");
            }

            *codec = 0;
            if (!TryGetInput(options, optionsLength, "options_json", out ReadOnlySpan<byte> json, out int status))
            {
                return status;
            }

            *codec = s_codecs.Add(new ProtocolCodec(CodecOptions.Parse(json)));
            return PcStatus.Ok;
        }
        catch (Exception e)
        {
            return LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "pc_codec_destroy", CallConvs = [typeof(CallConvCdecl)])]
    public static int CodecDestroy(nint codec)
    {
        return Destroy(s_codecs, codec);
    }

    [UnmanagedCallersOnly(EntryPoint = "pc_codec_feed", CallConvs = [typeof(CallConvCdecl)])]
    public static int CodecFeed(nint codec, byte* data, nuint length, nuint* accepted)
    {
        try
        {
            if (accepted is not null)
            {
                *accepted = 0;
            }

            if (s_codecs.Get(codec) is not { } instance)
            {
                return InvalidHandle();
            }

            if (!TryGetInput(data, length, "data", out ReadOnlySpan<byte> bytes, out int status))
            {
                return status;
            }

            if (accepted is null && bytes.Length > instance.FreeSpace)
            {
                // All-or-nothing when the caller cannot be told how much was taken.
                LastError.Set($"the codec buffers at most {instance.FreeSpace} more bytes: pull events until PC_NO_EVENT, or pass out_accepted");
                return PcStatus.BufferFull;
            }

            int taken = instance.Feed(bytes);
            if (accepted is not null)
            {
                *accepted = (nuint)taken;
            }

            return PcStatus.Ok;
        }
        catch (Exception e)
        {
            return LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "pc_codec_next_event", CallConvs = [typeof(CallConvCdecl)])]
    public static int CodecNextEvent(nint codec, PcEvent* result)
    {
        try
        {
            if (s_codecs.Get(codec) is not { } instance)
            {
                return InvalidHandle();
            }

            if (result is null)
            {
                return InvalidArgument("out_event is null");
            }

            if (result->Size < (uint)sizeof(PcEvent))
            {
                return InvalidArgument($"out_event->size is {result->Size}; set it to sizeof(pc_event) ({sizeof(PcEvent)})");
            }

            return instance.Next(ref *result);
        }
        catch (Exception e)
        {
            return LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "pc_codec_next_events", CallConvs = [typeof(CallConvCdecl)])]
    public static int CodecNextEvents(nint codec, PcEvent* events, nuint capacity, nuint* count)
    {
        try
        {
            if (count is not null)
            {
                *count = 0;
            }

            if (s_codecs.Get(codec) is not { } instance)
            {
                return InvalidHandle();
            }

            if (events is null || count is null || capacity == 0)
            {
                return InvalidArgument("out_events or out_count is null, or capacity is 0");
            }

            // events[0].size is the caller's sizeof(pc_event): the array's stride, so later minors can grow the struct.
            uint stride = events->Size;
            if (stride < (uint)sizeof(PcEvent) || stride > MaxEventStride || stride % 8 != 0)
            {
                return InvalidArgument($"out_events[0].size is {stride}; set it to sizeof(pc_event) ({sizeof(PcEvent)})");
            }

            int status = instance.NextBatch(events, (int)Math.Min(capacity, (nuint)int.MaxValue), (int)stride, out int filled);
            *count = (nuint)filled;
            return status;
        }
        catch (Exception e)
        {
            return LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "pc_codec_encode_create", CallConvs = [typeof(CallConvCdecl)])]
    public static int CodecEncodeCreate(nint codec, byte* json, nuint jsonLength, byte** frames, nuint* framesLength)
    {
        try
        {
            if (s_codecs.Get(codec) is not { } instance)
            {
                return InvalidHandle();
            }

            if (frames is null || framesLength is null)
            {
                return InvalidArgument("out_frames or out_length is null");
            }

            *frames = null;
            *framesLength = 0;
            if (!TryGetInput(json, jsonLength, "json", out ReadOnlySpan<byte> request, out int status))
            {
                return status;
            }

            ReadOnlySpan<byte> encoded = instance.EncodeCreate(request);
            *frames = instance.EncodedPointer;
            *framesLength = (nuint)encoded.Length;
            return PcStatus.Ok;
        }
        catch (Exception e)
        {
            return LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "pc_codec_encode_close", CallConvs = [typeof(CallConvCdecl)])]
    public static int CodecEncodeClose(nint codec, int code, byte* reason, nuint reasonLength, byte** frames, nuint* framesLength)
    {
        try
        {
            if (s_codecs.Get(codec) is not { } instance)
            {
                return InvalidHandle();
            }

            if (frames is null || framesLength is null)
            {
                return InvalidArgument("out_frames or out_length is null");
            }

            *frames = null;
            *framesLength = 0;
            if (!TryGetInput(reason, reasonLength, "reason", out ReadOnlySpan<byte> text, out int status))
            {
                return status;
            }

            ReadOnlySpan<byte> encoded = instance.EncodeClose(code, text);
            *frames = instance.EncodedPointer;
            *framesLength = (nuint)encoded.Length;
            return PcStatus.Ok;
        }
        catch (Exception e)
        {
            return LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "pc_codec_take_outgoing", CallConvs = [typeof(CallConvCdecl)])]
    public static int CodecTakeOutgoing(nint codec, byte** bytes, nuint* length)
    {
        try
        {
            if (s_codecs.Get(codec) is not { } instance)
            {
                return InvalidHandle();
            }

            if (bytes is null || length is null)
            {
                return InvalidArgument("out_bytes or out_length is null");
            }

            ReadOnlySpan<byte> outgoing = instance.TakeOutgoing();
            *bytes = instance.OutgoingPointer;
            *length = (nuint)outgoing.Length;
            return PcStatus.Ok;
        }
        catch (Exception e)
        {
            return LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "pc_codec_close_info", CallConvs = [typeof(CallConvCdecl)])]
    public static int CodecCloseInfo(nint codec, int* code, byte** reason, nuint* reasonLength)
    {
        try
        {
            if (s_codecs.Get(codec) is not { } instance)
            {
                return InvalidHandle();
            }

            if (code is null || reason is null || reasonLength is null)
            {
                return InvalidArgument("out_code, out_reason or out_reason_length is null");
            }

            *code = instance.CloseCode;
            *reason = instance.CloseCode == 0 ? null : instance.CloseReasonPointer;
            *reasonLength = (nuint)instance.CloseReason.Length;
            return PcStatus.Ok;
        }
        catch (Exception e)
        {
            return LastError.Set(e);
        }
    }

    private static int InvalidHandle()
    {
        LastError.Set("invalid handle: never created, or already destroyed");
        return PcStatus.InvalidHandle;
    }
}
