using System.Collections.Concurrent;
using System.Globalization;
using System.Threading;
using ProtocolCore.Requests;

namespace ProtocolCore.Emulator;

/// <summary>
/// State shared by every connection of one emulator: options, counters, id sequences and the persisted store
/// (responses created with <c>store=true</c>). Ids are sequential per instance, so two fresh instances driven the same
/// way produce byte-identical streams.
/// </summary>
internal sealed class ResponseEngine
{
    private readonly ConcurrentDictionary<string, ConversationContext> _persisted = new(System.StringComparer.Ordinal);
    private long _responseIds;
    private long _itemIds;

    public ResponseEngine(EmulatorOptions options, EmulatorCounters counters)
    {
        Options = options;
        Counters = counters;
        EmulatorFaults.TryParse(options.DefaultFaults, out EmulatorFaults faults, out _);
        DefaultFaults = faults;
    }

    public EmulatorOptions Options { get; }

    public EmulatorCounters Counters { get; }

    public EmulatorFaults DefaultFaults { get; }

    public string NextResponseId() => "resp_emu" + Interlocked.Increment(ref _responseIds).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>An item or call id such as <c>fc_emu000042</c>.</summary>
    public string NextItemId(string prefix) => prefix + "_emu" + Interlocked.Increment(ref _itemIds).ToString("D6", CultureInfo.InvariantCulture);

    public bool TryGetPersisted(string id, out ConversationContext context) => _persisted.TryGetValue(id, out context!);

    public void Persist(string id, ConversationContext context) => _persisted[id] = context;

    /// <summary>The faults of one request: the defaults, the connection's, and <c>metadata.emulator_fault</c>.</summary>
    public bool TryResolveFaults(ResponseCreateRequest request, EmulatorFaults connectionFaults, out EmulatorFaults faults, out string? error)
    {
        faults = DefaultFaults.Combine(connectionFaults);
        error = null;
        if (request.Metadata is { } metadata && metadata.TryGetValue(EmulatorFaults.Key, out string? text))
        {
            if (!EmulatorFaults.TryParse(text, out EmulatorFaults requested, out error))
            {
                return false;
            }

            faults = faults.Combine(requested);
        }

        return true;
    }
}
