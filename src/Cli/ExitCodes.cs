namespace ProtocolCore.Cli;

/// <summary>The one exit-code convention every verb follows (README, "Exit codes").</summary>
internal static class ExitCodes
{
    /// <summary>The verb did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The operation failed: network, protocol, server, a line that failed to decode.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments: unknown option, unparsable or out-of-range value, missing argument, unopenable file.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
