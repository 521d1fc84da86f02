using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace ProtocolCore.Native.Exports;

/// <summary><c>pc_session_*</c>: a conversation with I/O (<see cref="NativeSession"/>) behind opaque handles.</summary>
internal static unsafe partial class NativeExports
{
    private static readonly HandleTable<NativeSession> s_sessions = new();

    [UnmanagedCallersOnly(EntryPoint = "pc_session_open", CallConvs = [typeof(CallConvCdecl)])]
    public static int SessionOpen(byte* url, nuint urlLength, byte* apiKey, nuint apiKeyLength, byte* options, nuint optionsLength, nint* session)
    {
        try
        {
            if (session is null)
            {
                return InvalidArgument("out_session is null");
            }

            *session = 0;
            if (!TryGetInput(url, urlLength, "url", out ReadOnlySpan<byte> urlText, out int status)
                || !TryGetInput(apiKey, apiKeyLength, "api_key", out ReadOnlySpan<byte> keyText, out status)
                || !TryGetInput(options, optionsLength, "options_json", out ReadOnlySpan<byte> json, out status))
            {
                return status;
            }

            if (!System.Text.Unicode.Utf8.IsValid(urlText) || !System.Text.Unicode.Utf8.IsValid(keyText))
            {
                return InvalidArgument("url and api_key must be UTF-8");
            }

            *session = s_sessions.Add(new NativeSession(Encoding.UTF8.GetString(urlText), Encoding.UTF8.GetString(keyText), json));
            return PcStatus.Ok;
        }
        catch (Exception e)
        {
            return LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "pc_session_send", CallConvs = [typeof(CallConvCdecl)])]
    public static int SessionSend(nint session, byte* json, nuint jsonLength)
    {
        try
        {
            if (s_sessions.Get(session) is not { } instance)
            {
                return InvalidHandle();
            }

            if (!TryGetInput(json, jsonLength, "json", out ReadOnlySpan<byte> request, out int status))
            {
                return status;
            }

            instance.Send(request);
            return PcStatus.Ok;
        }
        catch (Exception e)
        {
            return LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "pc_session_next_event", CallConvs = [typeof(CallConvCdecl)])]
    public static int SessionNextEvent(nint session, int timeoutMs, PcEvent* result)
    {
        try
        {
            if (s_sessions.Get(session) is not { } instance)
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

            return instance.Next(timeoutMs, ref *result);
        }
        catch (Exception e)
        {
            return LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "pc_session_turn_info", CallConvs = [typeof(CallConvCdecl)])]
    public static int SessionTurnInfo(nint session, PcTurnInfo* info)
    {
        try
        {
            if (s_sessions.Get(session) is not { } instance)
            {
                return InvalidHandle();
            }

            if (info is null)
            {
                return InvalidArgument("out_info is null");
            }

            // A caller built against a later minor passes a larger struct: fill what this version has, leave the rest.
            if (info->Size < (uint)sizeof(PcTurnInfo))
            {
                return InvalidArgument($"out_info->size is {info->Size}; set it to sizeof(pc_turn_info) ({sizeof(PcTurnInfo)})");
            }

            instance.TurnInfo(ref *info);
            return PcStatus.Ok;
        }
        catch (Exception e)
        {
            return LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "pc_session_close", CallConvs = [typeof(CallConvCdecl)])]
    public static int SessionClose(nint session)
    {
        try
        {
            if (s_sessions.Get(session) is not { } instance)
            {
                return InvalidHandle();
            }

            instance.Close();
            return PcStatus.Ok;
        }
        catch (Exception e)
        {
            return LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "pc_session_cancel", CallConvs = [typeof(CallConvCdecl)])]
    public static int SessionCancel(nint session)
    {
        try
        {
            if (s_sessions.Get(session) is not { } instance)
            {
                return InvalidHandle();
            }

            instance.Cancel();
            return PcStatus.Ok;
        }
        catch (Exception e)
        {
            return LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "pc_session_ready_fd", CallConvs = [typeof(CallConvCdecl)])]
    public static int SessionReadyFd(nint session, int* fd)
    {
        try
        {
            if (fd is null)
            {
                return InvalidArgument("out_fd is null");
            }

            *fd = -1;
            if (s_sessions.Get(session) is not { } instance)
            {
                return InvalidHandle();
            }

            *fd = instance.ReadyDescriptor();
            return PcStatus.Ok;
        }
        catch (Exception e)
        {
            return LastError.Set(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "pc_session_destroy", CallConvs = [typeof(CallConvCdecl)])]
    public static int SessionDestroy(nint session)
    {
        return Destroy(s_sessions, session);
    }
}
