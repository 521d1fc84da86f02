using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace ProtocolCore.Json;

/// <summary>
/// State shared by the generated readers during one decode: the input (so string values can be handed out as views),
/// and a pooled scratch buffer for values that must be unescaped. In view mode nothing is allocated for strings; in owned
/// mode every value is copied into its own array. Segmented input is made contiguous once, into a pooled buffer, so the
/// <see cref="JsonScanner"/> always works on one span. Not thread-safe; reuse one per reader.
/// </summary>
public sealed class JsonReadContext : IDisposable
{
    private const int InitialScratchSize = 4096;

    /// <summary>
    /// How many positions of one array a view decode keeps its elements for, to read into again (the generated readers
    /// and the hand-written values both stop here): a response's output items and a message's parts fit; a huge array
    /// does not stay in memory after its decode, its elements past this are allocated each time.
    /// </summary>
    public const int MaxReusedElements = 64;

    // One per thread for owned decodes of private copies, which use no pooled memory: Parse then allocates nothing of its own.
    [ThreadStatic]
    private static JsonReadContext? t_ownedCopyContext;

    private ReadOnlyMemory<byte> _input;
    private byte[] _contiguous = [];
    private byte[] _scratch = [];
    private int _scratchUsed;

    // Scratch arrays outgrown during one decode: earlier views still point into them, so they go back to the pool only
    // at the next Reset.
    private readonly List<byte[]> _retired = new();

    /// <summary>Short strings of view decodes (<see cref="ReadString"/>); created by the first.</summary>
    private Utf8StringCache? _strings;

    /// <summary>True when every string, raw value and extension member is copied into memory the caller owns.</summary>
    public bool Owned { get; private set; }

    /// <summary>
    /// Owned decode of a private copy of the document (<see cref="ResetOwnedCopy"/>): values that need no unescaping point
    /// into that copy instead of each getting an array of their own.
    /// </summary>
    private bool _inputIsPrivateCopy;

    /// <summary>Unescaped strings become views into <see cref="Input"/>: <c>!Owned || _inputIsPrivateCopy</c>, kept in one flag for <see cref="ReadText"/>'s inlined test.</summary>
    private bool _textViewsIntoInput;

    /// <summary>The document being decoded (contiguous).</summary>
    public ReadOnlyMemory<byte> Input => _input;

    /// <summary>Starts a decode of a contiguous document; views handed out before this call become invalid.</summary>
    public ReadOnlyMemory<byte> Reset(ReadOnlyMemory<byte> input, bool owned)
    {
        ReleaseRetired();
        _input = input;
        _scratchUsed = 0;
        Owned = owned;
        _inputIsPrivateCopy = false;
        _textViewsIntoInput = !owned;
        return input;
    }

    /// <summary>
    /// Starts an owned decode of <paramref name="privateCopy"/>, an array no one else writes to and that the decoded value
    /// may keep: strings and raw values that need no unescaping become views into it (one allocation for the document
    /// instead of one per value). A value keeps the whole copy alive for as long as any of its members is referenced.
    /// </summary>
    internal void ResetOwnedCopy(byte[] privateCopy)
    {
        Reset(privateCopy, owned: true);
        _inputIsPrivateCopy = true;
        _textViewsIntoInput = true;
    }

    /// <summary>
    /// Starts a decode of a possibly segmented document and returns it as one contiguous block (the input itself when it
    /// is one segment, else a copy in a pooled buffer kept for the next decode). Views handed out before become invalid.
    /// </summary>
    public ReadOnlyMemory<byte> Reset(in ReadOnlySequence<byte> input, bool owned)
    {
        if (input.IsSingleSegment)
        {
            return Reset(input.First, owned);
        }

        int length = checked((int)input.Length);
        if (_contiguous.Length < length)
        {
            if (_contiguous.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_contiguous);
            }

            _contiguous = ArrayPool<byte>.Shared.Rent(length);
        }

        input.CopyTo(_contiguous);
        return Reset(_contiguous.AsMemory(0, length), owned);
    }

    /// <summary>A context for an owned decode of <paramref name="privateCopy"/>; give it back with <see cref="ReturnOwnedCopyContext"/>.</summary>
    internal static JsonReadContext RentOwnedCopyContext(byte[] privateCopy)
    {
        // Taken out of the slot while in use, so a nested decode gets a context of its own.
        JsonReadContext context = t_ownedCopyContext ?? new JsonReadContext();
        t_ownedCopyContext = null;
        context.ResetOwnedCopy(privateCopy);
        return context;
    }

    /// <summary>
    /// A context for an owned decode of <paramref name="input"/>, which the decoded value must not keep: every value is
    /// copied into memory of its own. Give it back with <see cref="ReturnOwnedCopyContext"/>.
    /// </summary>
    internal static JsonReadContext RentOwnedContext(ReadOnlyMemory<byte> input)
    {
        JsonReadContext context = t_ownedCopyContext ?? new JsonReadContext();
        t_ownedCopyContext = null;
        context.Reset(input, owned: true);
        return context;
    }

    internal static void ReturnOwnedCopyContext(JsonReadContext context)
    {
        // Forget the document: a parked context must not keep it alive.
        context.Reset(default, owned: false);
        t_ownedCopyContext = context;
    }

    /// <summary>
    /// Reads the string token the scanner is on as a <see cref="string"/>. A view decode takes a value it read lately
    /// from a small cache instead of allocating it again (the same ids and names recur across a stream's events, and a
    /// message's text in its content part, its finished item and the terminal response).
    /// </summary>
    public string ReadString(ref JsonScanner reader)
    {
        if (Owned || reader.TokenType != System.Text.Json.JsonTokenType.String)
        {
            return JsonReadHelpers.ReadString(ref reader);
        }

        Utf8StringCache strings = _strings ??= new Utf8StringCache();
        if (!reader.ValueIsEscaped)
        {
            return strings.GetOrAdd(reader.ValueSpan);
        }

        // Unescaped into scratch for the lookup only (the string is a copy): text with a quote or a newline is the common
        // case of a message repeated by the item and response events.
        int maxLength = reader.ValueSpan.Length;
        Span<byte> unescaped = Allocate(maxLength).Span;
        string value = strings.GetOrAdd(unescaped[..reader.CopyString(unescaped)]);
        _scratchUsed -= maxLength;
        return value;
    }

    /// <summary>Forgets the strings <see cref="ReadString"/> cached (say, at the end of a stream), keeping nothing of it alive.</summary>
    internal void ClearStringCache() => _strings?.Clear();

    /// <summary>
    /// The cache <see cref="ReadString"/> uses (created by the first view decode when none was set): a pooled decoder is
    /// lent the cache of the turn it serves, so a turn's repeated ids are read once whichever decoder reads them.
    /// </summary>
    internal Utf8StringCache? StringCache
    {
        get => _strings;
        set => _strings = value;
    }

    /// <summary>Reads the string token the scanner is on as unescaped UTF-8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Utf8Text ReadText(ref JsonScanner reader)
    {
        // The common case, inlined into the generated readers: a view straight into the message.
        if (_textViewsIntoInput && reader.TokenType == System.Text.Json.JsonTokenType.String && !reader.ValueIsEscaped)
        {
            return new Utf8Text(_input.Slice(reader.ValueStartIndex, reader.ValueLength));
        }

        return ReadTextGeneral(ref reader);
    }

    private Utf8Text ReadTextGeneral(ref JsonScanner reader)
    {
        if (reader.TokenType != System.Text.Json.JsonTokenType.String)
        {
            throw new ProtocolJsonException($"Expected a string, found {reader.TokenType}.", reader.TokenStartIndex);
        }

        if (!reader.ValueIsEscaped)
        {
            if (!Owned || _inputIsPrivateCopy)
            {
                // The common case: point straight into the message.
                return new Utf8Text(_input.Slice(reader.ValueStartIndex, reader.ValueSpan.Length));
            }

            return new Utf8Text(reader.ValueSpan.ToArray());
        }

        int maxLength = reader.ValueSpan.Length;
        if (Owned)
        {
            // Unescaped straight into the value's own array (a few bytes too long rather than a second copy).
            byte[] owned = new byte[maxLength];
            int length = reader.CopyString(owned);
            return new Utf8Text(owned.AsMemory(0, length));
        }

        Memory<byte> destination = Allocate(maxLength);
        int written = reader.CopyString(destination.Span);

        _scratchUsed -= maxLength - written;
        return new Utf8Text(destination[..written]);
    }

    /// <summary>Reads the value the scanner is on (any kind) as raw JSON and leaves the scanner on its last token.</summary>
    public RawJson ReadRaw(ref JsonScanner reader)
    {
        int start = (int)reader.TokenStartIndex;
        reader.Skip();
        int end = (int)reader.BytesConsumed;
        ReadOnlyMemory<byte> raw = _input[start..end];
        return new RawJson(Owned && !_inputIsPrivateCopy ? raw.ToArray() : raw);
    }

    /// <summary>Adds the member whose name the scanner is on to <paramref name="builder"/> and skips its value.</summary>
    public void AddExtensionMember(ref JsonScanner reader, ref JsonExtensionDataBuilder builder)
    {
        int start = (int)reader.TokenStartIndex;
        reader.Read();
        reader.Skip();
        int end = (int)reader.BytesConsumed;
        builder.Append(_input.Span[start..end]);
    }

    /// <summary>Finishes <paramref name="builder"/>: the unknown members as one object, in scratch or owned memory.</summary>
    public JsonExtensionData CompleteExtension(ref JsonExtensionDataBuilder builder)
    {
        ReadOnlySpan<byte> members = builder.Written;
        if (members.IsEmpty)
        {
            builder.Dispose();
            return default;
        }

        Memory<byte> result = Owned ? new byte[members.Length + 2] : Allocate(members.Length + 2);
        Span<byte> span = result.Span;
        span[0] = (byte)'{';
        members.CopyTo(span[1..]);
        span[^1] = (byte)'}';
        builder.Dispose();
        return new JsonExtensionData(result);
    }

    private Memory<byte> Allocate(int length)
    {
        if (_scratch.Length - _scratchUsed < length)
        {
            if (_scratch.Length > 0)
            {
                _retired.Add(_scratch);
            }

            _scratch = ArrayPool<byte>.Shared.Rent(Math.Max(InitialScratchSize, Math.Max(length, _scratch.Length * 2)));
            _scratchUsed = 0;
        }

        Memory<byte> memory = _scratch.AsMemory(_scratchUsed, length);
        _scratchUsed += length;
        return memory;
    }

    private void ReleaseRetired()
    {
        if (_retired.Count == 0)
        {
            return;
        }

        foreach (byte[] array in _retired)
        {
            ArrayPool<byte>.Shared.Return(array);
        }

        _retired.Clear();
    }

    /// <summary>Returns the pooled buffers; anything read through this context is invalid afterwards.</summary>
    public void Dispose()
    {
        ReleaseRetired();
        if (_scratch.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = [];
        }

        if (_contiguous.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_contiguous);
            _contiguous = [];
        }

        _input = default;
    }
}
