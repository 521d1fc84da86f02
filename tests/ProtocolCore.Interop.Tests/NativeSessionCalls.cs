using System.Text;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Native;
using ProtocolCore.Native.Exports;
using Xunit;

namespace ProtocolCore.Interop.Tests;

/// <summary>
/// The <c>pc_session_*</c> exports called as C calls them (through unmanaged function pointers), for the tests that
/// drive a native session against the emulator.
/// </summary>
internal static unsafe class NativeSessionCalls
{
    public static Task<EmulatorServer> StartEmulatorAsync(string? faults = null) =>
        EmulatorServer.StartAsync(new EmulatorOptions { CostModel = EmulatorCostModel.Zero, DefaultFaults = faults });

    /// <summary>Opens a session (asserting it opened); empty <paramref name="options"/> passes none.</summary>
    public static nint Open(string url, string apiKey, string options = "")
    {
        delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, byte*, nuint, nint*, int> open = &NativeExports.SessionOpen;
        byte[] u = Encoding.UTF8.GetBytes(url);
        byte[] k = Encoding.UTF8.GetBytes(apiKey);
        byte[] o = Encoding.UTF8.GetBytes(options);
        nint session;
        fixed (byte* up = u, kp = k, op = o)
        {
            Assert.Equal(PcStatus.Ok, open(up, (nuint)u.Length, kp, (nuint)k.Length, o.Length == 0 ? null : op, (nuint)o.Length, &session));
        }

        return session;
    }

    public static int Send(nint session, byte[] json)
    {
        delegate* unmanaged[Cdecl]<nint, byte*, nuint, int> send = &NativeExports.SessionSend;
        fixed (byte* p = json)
        {
            return send(session, p, (nuint)json.Length);
        }
    }

    public static int NextEvent(nint session, int timeoutMs, PcEvent* e)
    {
        delegate* unmanaged[Cdecl]<nint, int, PcEvent*, int> next = &NativeExports.SessionNextEvent;
        return next(session, timeoutMs, e);
    }

    /// <summary>The status of the next pull, its event dropped.</summary>
    public static int NextStatus(nint session, int timeoutMs)
    {
        var e = new PcEvent { Size = (uint)sizeof(PcEvent) };
        return NextEvent(session, timeoutMs, &e);
    }

    public static int Cancel(nint session)
    {
        delegate* unmanaged[Cdecl]<nint, int> cancel = &NativeExports.SessionCancel;
        return cancel(session);
    }

    public static int Close(nint session)
    {
        delegate* unmanaged[Cdecl]<nint, int> close = &NativeExports.SessionClose;
        return close(session);
    }

    public static int Destroy(nint session)
    {
        delegate* unmanaged[Cdecl]<nint, int> destroy = &NativeExports.SessionDestroy;
        return destroy(session);
    }
}
