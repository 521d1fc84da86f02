namespace ProtocolCore.Cli.Commands;

/// <summary>What a decode run did: events printed, lines that failed.</summary>
internal readonly record struct DecodeSummary(int Decoded, int Failed);
