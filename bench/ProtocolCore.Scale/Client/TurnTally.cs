namespace ProtocolCore.Scale.Client;

/// <summary>What one turn delivered: its events, and the decoded bytes of its deltas (-1 when the mode decodes none).</summary>
internal readonly record struct TurnTally(int Events, long DeltaBytes);
