using System;
using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace ProtocolCore.Json;

/// <summary>
/// A forward-only, validating JSON tokenizer over one contiguous UTF-8 buffer: the reader the generated code sits on.
/// It exposes the subset of <see cref="Utf8JsonReader"/>'s surface the generated readers use (same names and meaning),
/// and is faster for the small flat objects that dominate a Responses stream because it does less per token: no
/// segment handling (segmented input is made contiguous once by <see cref="JsonReadContext"/>), no comment or
/// trailing-comma modes, and string scanning with one inlined vector search for the closing quote
/// (<see cref="JsonStringStops"/>).
/// Malformed JSON throws <see cref="ProtocolJsonException"/> with the byte offset.
/// </summary>
public ref struct JsonScanner
{
    /// <summary>The deepest nesting accepted (the same default as System.Text.Json).</summary>
    public const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;
    private int _tokenStart;
    private int _valueStart;
    private int _valueLength;
    private int _depth;

    // Bit i set: the container at depth i+1 is an object (clear: an array).
    private ulong _objectBits;
    private JsonTokenType _tokenType;
    private bool _valueIsEscaped;

    /// <summary>A scanner over one complete JSON document, positioned before its first token.</summary>
    public JsonScanner(ReadOnlySpan<byte> utf8Json)
    {
        _buffer = utf8Json;
        _position = 0;
        _tokenStart = 0;
        _valueStart = 0;
        _valueLength = 0;
        _depth = 0;
        _objectBits = 0;
        _tokenType = JsonTokenType.None;
        _valueIsEscaped = false;
    }

    /// <summary>
    /// The kind of the current token (<see cref="JsonTokenType.None"/> before the first <see cref="Read"/>).
    /// </summary>
    public readonly JsonTokenType TokenType => _tokenType;

    /// <summary>The raw bytes of the current string (between the quotes, still escaped if <see cref="ValueIsEscaped"/>), number or literal.</summary>
    public readonly ReadOnlySpan<byte> ValueSpan => _buffer.Slice(_valueStart, _valueLength);

    /// <summary>True when the current string holds backslash escapes.</summary>
    public readonly bool ValueIsEscaped => _valueIsEscaped;

    /// <summary>Where the current token starts (the opening quote of a string).</summary>
    public readonly long TokenStartIndex => _tokenStart;

    /// <summary>Where the raw bytes of <see cref="ValueSpan"/> start.</summary>
    public readonly int ValueStartIndex => _valueStart;

    /// <summary>The length of <see cref="ValueSpan"/>, without slicing.</summary>
    internal readonly int ValueLength => _valueLength;

    /// <summary>Bytes consumed so far: the end of the current token.</summary>
    public readonly long BytesConsumed => _position;

    /// <summary>The nesting depth of the current token (0 at the top level).</summary>
    public readonly int CurrentDepth => _depth;

    /// <summary>Moves to the next token. Returns false at the end of the single top-level value.</summary>
    public bool Read()
    {
        int pos = SkipWhitespace(_position);
        JsonTokenType previous = _tokenType;
        if (previous == JsonTokenType.None)
        {
            if (pos >= _buffer.Length)
            {
                throw Error("The input holds no JSON value.", pos);
            }

            return ReadValue(pos);
        }

        if (previous == JsonTokenType.PropertyName)
        {
            if (pos >= _buffer.Length || _buffer[pos] != (byte)':')
            {
                throw Error("Expected ':' after a property name.", pos);
            }

            pos = SkipWhitespace(pos + 1);
            if (pos >= _buffer.Length)
            {
                throw Error("Unexpected end of input after ':'.", pos);
            }

            return ReadValue(pos);
        }

        if (previous == JsonTokenType.StartObject)
        {
            if (pos < _buffer.Length && _buffer[pos] == (byte)'}')
            {
                return EndContainer(pos, JsonTokenType.EndObject);
            }

            return ReadPropertyName(pos);
        }

        if (previous == JsonTokenType.StartArray)
        {
            if (pos < _buffer.Length && _buffer[pos] == (byte)']')
            {
                return EndContainer(pos, JsonTokenType.EndArray);
            }

            if (pos >= _buffer.Length)
            {
                throw Error("Unexpected end of input inside an array.", pos);
            }

            return ReadValue(pos);
        }

        // The previous token completed a value.
        if (_depth == 0)
        {
            if (pos < _buffer.Length)
            {
                throw Error("Unexpected data after the JSON value.", pos);
            }

            _position = pos;
            return false;
        }

        if (pos >= _buffer.Length)
        {
            throw Error("Unexpected end of input inside a container.", pos);
        }

        bool inObject = (_objectBits & (1UL << (_depth - 1))) != 0;
        byte b = _buffer[pos];
        if (b == (byte)',')
        {
            pos = SkipWhitespace(pos + 1);
            if (inObject)
            {
                return ReadPropertyName(pos);
            }

            if (pos >= _buffer.Length)
            {
                throw Error("Unexpected end of input inside an array.", pos);
            }

            return ReadValue(pos);
        }

        if (inObject && b == (byte)'}')
        {
            return EndContainer(pos, JsonTokenType.EndObject);
        }

        if (!inObject && b == (byte)']')
        {
            return EndContainer(pos, JsonTokenType.EndArray);
        }

        throw Error(inObject ? "Expected ',' or '}' in an object." : "Expected ',' or ']' in an array.", pos);
    }

    /// <summary>
    /// The generated readers' fast path for the member a server writes next: when the bytes that follow are exactly
    /// <paramref name="quotedNameColon"/> (the quoted name and a colon, as compact JSON writes them: <c>"item_id":</c>),
    /// right after an object's <c>{</c> or after a comma that follows a value inside an object, moves onto that property
    /// name as <see cref="Read"/> would and returns true. Otherwise nothing moves and <see cref="Read"/> takes the general
    /// path (whitespace, escapes, other names).
    /// </summary>
    /// <param name="quotedNameColon"><c>"name":</c> with a name that needs no escaping (no quote, backslash or control character).</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadPropertyName(ReadOnlySpan<byte> quotedNameColon)
    {
        // Inlined with a u8 literal: the length is a constant and the compare unrolls to one or two vector loads.
        ReadOnlySpan<byte> buffer = _buffer;
        int start = _position;
        if (_tokenType != JsonTokenType.StartObject)
        {
            if (!IsAfterValueInObject || (uint)start >= (uint)buffer.Length || buffer[start] != (byte)',')
            {
                return false;
            }

            start++;
        }

        if ((uint)quotedNameColon.Length > (uint)(buffer.Length - start)
            || !buffer.Slice(start, quotedNameColon.Length).SequenceEqual(quotedNameColon))
        {
            return false;
        }

        // The quotes and the colon are part of the match, so this is the token ScanString would have produced.
        _tokenStart = start;
        _valueStart = start + 1;
        _valueLength = quotedNameColon.Length - 3;
        _valueIsEscaped = false;
        _tokenType = JsonTokenType.PropertyName;

        // Left on the colon: the next Read consumes it and reads the value.
        _position = start + quotedNameColon.Length - 1;
        return true;
    }

    /// <summary>
    /// The generated readers' fast path for an integer member: on a property name whose colon comes next (as
    /// <see cref="TryReadPropertyName"/> leaves it), when the value is a plain non-negative integer of at most 9 digits
    /// followed directly by <c>,</c> or <c>}</c> (every index and sequence number a server writes), reads it in one pass
    /// and moves onto it as <see cref="Read"/> would. Otherwise nothing moves and <see cref="Read"/> takes the general path.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public bool TryReadInt32PropertyValue(out int value)
    {
        ReadOnlySpan<byte> buffer = _buffer;
        int start = _position + 1;
        value = 0;
        if (_tokenType != JsonTokenType.PropertyName || (uint)start >= (uint)buffer.Length || buffer[start - 1] != (byte)':')
        {
            return false;
        }

        uint digit = (uint)(buffer[start] - '0');
        if (digit > 9)
        {
            return false;
        }

        int result = (int)digit;
        int i = start + 1;

        // A leading 0 stands alone ("01" is not JSON): the delimiter check below sends it to the general path.
        if (digit != 0)
        {
            while ((uint)i < (uint)buffer.Length && (digit = (uint)(buffer[i] - '0')) <= 9)
            {
                if (i - start == 9)
                {
                    // Ten digits or more may not fit: the general path decides.
                    return false;
                }

                result = (result * 10) + (int)digit;
                i++;
            }
        }

        if ((uint)i >= (uint)buffer.Length || (buffer[i] != (byte)',' && buffer[i] != (byte)'}'))
        {
            return false;
        }

        _tokenStart = start;
        _valueStart = start;
        _valueLength = i - start;
        _valueIsEscaped = false;
        _position = i;
        _tokenType = JsonTokenType.Number;
        value = result;
        return true;
    }

    /// <summary>
    /// The generated readers' fast path for a string member: on a property name whose colon comes next (as
    /// <see cref="TryReadPropertyName"/> leaves it), when the value starts directly after the colon with a quote, reads the
    /// string (escapes included) and moves onto it as <see cref="Read"/> would. Otherwise nothing moves and
    /// <see cref="Read"/> takes the general path. Skips <see cref="Read"/>'s dispatch on the previous token and the value's
    /// first byte.
    /// </summary>
    /// <exception cref="ProtocolJsonException">The string is unterminated or holds an invalid escape or a raw control character.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadStringPropertyValue()
    {
        ReadOnlySpan<byte> buffer = _buffer;
        int quote = _position + 1;
        if (_tokenType != JsonTokenType.PropertyName || (uint)quote >= (uint)buffer.Length
            || buffer[quote - 1] != (byte)':' || buffer[quote] != (byte)'"')
        {
            return false;
        }

        ScanString(quote);
        _tokenType = JsonTokenType.String;
        return true;
    }

    /// <summary>
    /// The generated readers' fast path for the end of an object: when the byte right after the current value (or right
    /// after the object's <c>{</c>) is the <c>}</c> that closes the object, moves onto it as <see cref="Read"/> would and
    /// returns true. Otherwise (whitespace, a comma, or not inside an object) nothing moves.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadEndObject()
    {
        int pos = _position;
        if ((uint)pos >= (uint)_buffer.Length || _buffer[pos] != (byte)'}'
            || (_tokenType != JsonTokenType.StartObject && !IsAfterValueInObject))
        {
            return false;
        }

        EndContainer(pos, JsonTokenType.EndObject);
        return true;
    }

    // The current token ends a value (not a name or a container start) and the container around it is an object.
    private readonly bool IsAfterValueInObject
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (_tokenType >= JsonTokenType.String || _tokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            && _depth > 0
            && (_objectBits & (1UL << (_depth - 1))) != 0;
    }

    /// <summary>
    /// Skips the children of the current token: on a property name, skips its value; on a container start, moves to its
    /// end; on a primitive, does nothing (the same contract as <see cref="Utf8JsonReader.Skip"/>).
    /// </summary>
    public void Skip()
    {
        if (_tokenType == JsonTokenType.PropertyName)
        {
            Read();
        }

        if (_tokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            int target = _depth - 1;
            while (Read() && _depth > target)
            {
            }
        }
    }

    /// <summary>Compares the current string or property name, unescaped, with <paramref name="utf8"/>.</summary>
    public readonly bool ValueTextEquals(ReadOnlySpan<byte> utf8)
    {
        if (!_valueIsEscaped)
        {
            return ValueSpan.SequenceEqual(utf8);
        }

        if (_valueLength > 512)
        {
            return GetString() == Encoding.UTF8.GetString(utf8);
        }

        Span<byte> buffer = stackalloc byte[512];
        int written = CopyString(buffer);
        return buffer[..written].SequenceEqual(utf8);
    }

    /// <summary>Unescapes the current string into <paramref name="destination"/> (at least <see cref="ValueSpan"/> long).</summary>
    public readonly int CopyString(Span<byte> destination)
    {
        ReadOnlySpan<byte> source = ValueSpan;
        if (!_valueIsEscaped)
        {
            source.CopyTo(destination);
            return source.Length;
        }

        return JsonUnescaper.Unescape(source, destination, _valueStart);
    }

    /// <summary>The current string or property name as a new <see cref="string"/>; null for a JSON null.</summary>
    public readonly string? GetString()
    {
        if (_tokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (_tokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
        {
            throw Error($"Expected a string, found {_tokenType}.", _tokenStart);
        }

        if (!_valueIsEscaped)
        {
            return Encoding.UTF8.GetString(ValueSpan);
        }

        byte[]? rented = null;
        Span<byte> buffer = _valueLength <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(_valueLength));
        try
        {
            int written = CopyString(buffer);
            return Encoding.UTF8.GetString(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The current number as an <see cref="int"/>; false if it is not an integer in range.</summary>
    public readonly bool TryGetInt32(out int value)
    {
        // Indexes and sequence numbers are short non-negative integers: accumulate them directly (at most 9 digits
        // cannot overflow); anything else goes through the general parser.
        ReadOnlySpan<byte> digits = ValueSpan;
        if (_tokenType == JsonTokenType.Number && digits.Length <= 9)
        {
            int result = 0;
            foreach (byte d in digits)
            {
                uint digit = (uint)(d - '0');
                if (digit > 9)
                {
                    goto General;
                }

                result = (result * 10) + (int)digit;
            }

            value = result;
            return true;
        }

    General:
        value = 0;
        return _tokenType == JsonTokenType.Number && Utf8Parser.TryParse(digits, out value, out int consumed) && consumed == _valueLength;
    }

    /// <summary>The current number as a <see cref="long"/>; false if it is not an integer in range.</summary>
    public readonly bool TryGetInt64(out long value)
    {
        if (TryGetInt32(out int small))
        {
            value = small;
            return true;
        }

        value = 0;
        return _tokenType == JsonTokenType.Number && Utf8Parser.TryParse(ValueSpan, out value, out int consumed) && consumed == _valueLength;
    }

    /// <summary>The current number as a finite <see cref="double"/>; false if it is not a number or not finite.</summary>
    public readonly bool TryGetDouble(out double value)
    {
        value = 0;
        return _tokenType == JsonTokenType.Number
            && double.TryParse(ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int SkipWhitespace(int pos)
    {
        ReadOnlySpan<byte> buffer = _buffer;
        while ((uint)pos < (uint)buffer.Length)
        {
            byte b = buffer[pos];
            if (b > (byte)' ' || (b != (byte)' ' && b != (byte)'\n' && b != (byte)'\r' && b != (byte)'\t'))
            {
                break;
            }

            pos++;
        }

        return pos;
    }

    private bool ReadPropertyName(int pos)
    {
        if (pos >= _buffer.Length || _buffer[pos] != (byte)'"')
        {
            throw Error("Expected a property name.", pos);
        }

        ScanString(pos);
        _tokenType = JsonTokenType.PropertyName;
        return true;
    }

    private bool ReadValue(int pos)
    {
        byte b = _buffer[pos];
        switch (b)
        {
            case (byte)'"':
                ScanString(pos);
                _tokenType = JsonTokenType.String;
                return true;
            case (byte)'{':
                return StartContainer(pos, isObject: true);
            case (byte)'[':
                return StartContainer(pos, isObject: false);
            case (byte)'t':
                return ReadLiteral(pos, "true"u8, JsonTokenType.True);
            case (byte)'f':
                return ReadLiteral(pos, "false"u8, JsonTokenType.False);
            case (byte)'n':
                return ReadLiteral(pos, "null"u8, JsonTokenType.Null);
            default:
                if (b == (byte)'-' || (uint)(b - '0') <= 9)
                {
                    return ReadNumber(pos);
                }

                throw Error($"'{(char)b}' cannot start a JSON value.", pos);
        }
    }

    private bool StartContainer(int pos, bool isObject)
    {
        if (_depth >= MaxDepth)
        {
            throw Error($"JSON nests deeper than {MaxDepth} levels.", pos);
        }

        if (isObject)
        {
            _objectBits |= 1UL << _depth;
        }
        else
        {
            _objectBits &= ~(1UL << _depth);
        }

        _depth++;
        _tokenStart = pos;
        _valueStart = pos;
        _valueLength = 1;
        _valueIsEscaped = false;
        _position = pos + 1;
        _tokenType = isObject ? JsonTokenType.StartObject : JsonTokenType.StartArray;
        return true;
    }

    private bool EndContainer(int pos, JsonTokenType type)
    {
        _depth--;
        _tokenStart = pos;
        _valueStart = pos;
        _valueLength = 1;
        _valueIsEscaped = false;
        _position = pos + 1;
        _tokenType = type;
        return true;
    }

    private bool ReadLiteral(int pos, ReadOnlySpan<byte> literal, JsonTokenType type)
    {
        if (!_buffer.Slice(pos).StartsWith(literal))
        {
            throw Error("Invalid JSON literal.", pos);
        }

        int end = pos + literal.Length;
        EnsureDelimiter(end);
        _tokenStart = pos;
        _valueStart = pos;
        _valueLength = literal.Length;
        _valueIsEscaped = false;
        _position = end;
        _tokenType = type;
        return true;
    }

    private bool ReadNumber(int pos)
    {
        ReadOnlySpan<byte> buffer = _buffer;
        int i = pos;
        if (buffer[i] == (byte)'-')
        {
            i++;
        }

        if (i >= buffer.Length)
        {
            throw Error("Incomplete number.", i);
        }

        if (buffer[i] == (byte)'0')
        {
            i++;
        }
        else if ((uint)(buffer[i] - '1') <= 8)
        {
            i = SkipDigits(buffer, i + 1);
        }
        else
        {
            throw Error("Invalid number.", i);
        }

        if (i < buffer.Length && buffer[i] == (byte)'.')
        {
            int start = ++i;
            i = SkipDigits(buffer, i);
            if (i == start)
            {
                throw Error("A number needs digits after '.'.", i);
            }
        }

        if (i < buffer.Length && (buffer[i] | 0x20) == (byte)'e')
        {
            i++;
            if (i < buffer.Length && (buffer[i] == (byte)'+' || buffer[i] == (byte)'-'))
            {
                i++;
            }

            int start = i;
            i = SkipDigits(buffer, i);
            if (i == start)
            {
                throw Error("A number needs digits in its exponent.", i);
            }
        }

        EnsureDelimiter(i);
        _tokenStart = pos;
        _valueStart = pos;
        _valueLength = i - pos;
        _valueIsEscaped = false;
        _position = i;
        _tokenType = JsonTokenType.Number;
        return true;
    }

    private static int SkipDigits(ReadOnlySpan<byte> buffer, int i)
    {
        while (i < buffer.Length && (uint)(buffer[i] - '0') <= 9)
        {
            i++;
        }

        return i;
    }

    private readonly void EnsureDelimiter(int pos)
    {
        if (pos < _buffer.Length)
        {
            byte b = _buffer[pos];
            if (b is not ((byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            {
                throw Error("Invalid character after a value.", pos);
            }
        }
    }

    private void ScanString(int quote)
    {
        int start = quote + 1;
        ReadOnlySpan<byte> rest = _buffer.Slice(start);
        int index = JsonStringStops.IndexOfStop(rest);
        if (index < 0)
        {
            throw Error("Unterminated string.", quote);
        }

        bool escaped = false;
        if (rest[index] != (byte)'"')
        {
            index = ScanEscapedString(rest, index, start);
            escaped = true;
        }

        _tokenStart = quote;
        _valueStart = start;
        _valueLength = index;
        _valueIsEscaped = escaped;
        _position = start + index + 1;
    }

    // The slow path: validates every escape and stops at the closing quote. Returns the index of that quote in rest.
    private readonly int ScanEscapedString(ReadOnlySpan<byte> rest, int index, int offset)
    {
        while (true)
        {
            byte b = rest[index];
            if (b == (byte)'"')
            {
                return index;
            }

            if (b < 0x20)
            {
                throw Error("A control character must be escaped inside a string.", offset + index);
            }

            // A backslash.
            if (index + 1 >= rest.Length)
            {
                throw Error("Unterminated string.", offset + index);
            }

            byte e = rest[index + 1];
            if (e == (byte)'u')
            {
                if (index + 5 >= rest.Length || !IsHex(rest[index + 2]) || !IsHex(rest[index + 3]) || !IsHex(rest[index + 4]) || !IsHex(rest[index + 5]))
                {
                    throw Error("Invalid \\u escape.", offset + index);
                }

                index += 6;
            }
            else if (e is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t')
            {
                index += 2;
            }
            else
            {
                throw Error("Invalid escape sequence.", offset + index);
            }

            int next = JsonStringStops.IndexOfStop(rest.Slice(index));
            if (next < 0)
            {
                throw Error("Unterminated string.", offset + index);
            }

            index += next;
        }
    }

    private static bool IsHex(byte b) => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 5;

    private static ProtocolJsonException Error(string message, int position) => new(message, position);
}
