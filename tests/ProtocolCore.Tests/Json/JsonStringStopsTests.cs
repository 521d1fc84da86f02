using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;
using ProtocolCore.Json;

namespace ProtocolCore.Tests.Json;

/// <summary>
/// The string scanner's stop search, checked byte value by byte value against a scalar reference, directly and through
/// <see cref="JsonScanner"/> on segmented input.
/// </summary>
public class JsonStringStopsTests
{
    private const int MaxLength = 80;

    // Written out here rather than calling JsonStringStops.IsStop, so the reference does not share the code under test.
    private static bool IsStopReference(byte b) => b == 0x22 || b == 0x5C || b <= 0x1F;

    private static int IndexOfStopReference(ReadOnlySpan<byte> span)
    {
        for (int i = 0; i < span.Length; i++)
        {
            if (IsStopReference(span[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private delegate int Search(ReadOnlySpan<byte> span);

    /// <summary>
    /// Every byte value at every position of every length up to <see cref="MaxLength"/>, alone and followed by a later
    /// stop. The bytes after the span are quotes, so a search that reads past its end reports an index out of range.
    /// </summary>
    private static void CheckEveryByteAtEveryPosition(Search search, int minLength)
    {
        byte[] buffer = new byte[MaxLength + 64];
        for (int length = minLength; length <= MaxLength; length++)
        {
            for (int position = 0; position < length; position++)
            {
                for (int value = 0; value <= 0xFF; value++)
                {
                    for (int laterStop = 0; laterStop < 2; laterStop++)
                    {
                        buffer.AsSpan().Fill((byte)'"');
                        Span<byte> span = buffer.AsSpan(0, length);
                        span.Fill((byte)'a');
                        if (laterStop == 1)
                        {
                            span[^1] = (byte)'\\';
                        }

                        span[position] = (byte)value;

                        int expected = IndexOfStopReference(span);
                        int actual = search(span);
                        if (actual != expected)
                        {
                            Assert.Fail(
                                $"length {length}, byte 0x{value:X2} at {position}, later stop {laterStop}: expected {expected}, found {actual}.");
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void IndexOfStopFindsTheFirstStopForEveryByteValue()
    {
        Assert.Equal(-1, JsonStringStops.IndexOfStop(ReadOnlySpan<byte>.Empty));
        CheckEveryByteAtEveryPosition(JsonStringStops.IndexOfStop, minLength: 0);
    }

    [Fact]
    public void Vector128PathFindsTheFirstStopForEveryByteValue()
    {
        // On a machine with AVX2 IndexOfStop takes the Vector256 path for long inputs; native AOT builds run this one.
        // (Both vector paths compute the same results, in software, where they are not accelerated.)
        CheckEveryByteAtEveryPosition(
            span => JsonStringStops.IndexOfStopVector128(ref MemoryMarshal.GetReference(span), (nuint)span.Length, 0),
            minLength: Vector128<byte>.Count);
    }

    [Fact]
    public void Vector256PathFindsTheFirstStopForEveryByteValue()
    {
        CheckEveryByteAtEveryPosition(
            span => JsonStringStops.IndexOfStopVector256(ref MemoryMarshal.GetReference(span), (nuint)span.Length, 0),
            minLength: Vector256<byte>.Count);
    }

    [Fact]
    public void IsStopMatchesTheReference()
    {
        for (int value = 0; value <= 0xFF; value++)
        {
            Assert.Equal(IsStopReference((byte)value), JsonStringStops.IsStop((byte)value));
        }
    }

    /// <summary>
    /// Every byte value at every position of a string value of every length up to <see cref="MaxLength"/>, plain and
    /// after an escape (the slow path searches again from there), read by the scanner the way a segmented message is:
    /// made contiguous by <see cref="JsonReadContext"/>.
    /// </summary>
    [Theory]
    [MemberData(nameof(ReadOnlySequenceFactory.Standard), MemberType = typeof(ReadOnlySequenceFactory))]
    public void ScannerStopsStringsWhereTheReferenceDoes(string factory)
    {
        ReadOnlySequenceFactory sequences = ReadOnlySequenceFactory.ByName(factory);
        using var context = new JsonReadContext();
        byte[] prefix = "{\"k\":\""u8.ToArray();
        byte[] escape = @"\n"u8.ToArray();
        byte[] suffix = "\"}"u8.ToArray();
        byte[] document = new byte[prefix.Length + escape.Length + MaxLength + suffix.Length];

        for (int escaped = 0; escaped < 2; escaped++)
        {
            int head = prefix.Length + (escaped * escape.Length);
            for (int length = 0; length <= MaxLength; length++)
            {
                for (int position = 0; position < length; position++)
                {
                    for (int value = 0; value <= 0xFF; value++)
                    {
                        prefix.CopyTo(document, 0);
                        escape.CopyTo(document, prefix.Length);
                        Span<byte> content = document.AsSpan(head, length);
                        content.Fill((byte)'a');
                        content[position] = (byte)value;
                        suffix.CopyTo(document, head + length);
                        ReadOnlySpan<byte> json = document.AsSpan(0, head + length + suffix.Length);

                        ReadOnlySpan<byte> contiguous = context.Reset(sequences.Create(json), owned: false).Span;
                        string? failure = Check(contiguous, head, length, position, (byte)value, escaped == 1);
                        if (failure is not null)
                        {
                            Assert.Fail($"{factory}, escaped {escaped}, length {length}, byte 0x{value:X2} at {position}: {failure}");
                        }
                    }
                }
            }
        }
    }

    // Null when the scanner reads the string value as the reference says it should.
    private static string? Check(ReadOnlySpan<byte> json, int head, int length, int position, byte value, bool escaped)
    {
        var scanner = new JsonScanner(json);
        scanner.Read();
        scanner.Read();

        // A raw control character is an error; so is a backslash, followed here by 'a' (an invalid escape) or by the
        // closing quote (which it escapes, leaving the string unterminated).
        bool valid = value == (byte)'"' || !IsStopReference(value);
        int expectedLength = (escaped ? 2 : 0) + (value == (byte)'"' ? position : length);
        try
        {
            scanner.Read();
        }
        catch (ProtocolJsonException e)
        {
            return valid ? $"rejected a valid string ({e.Message})" : null;
        }

        if (!valid)
        {
            return "accepted an invalid string";
        }

        if (scanner.TokenType != JsonTokenType.String || scanner.ValueIsEscaped != escaped)
        {
            return $"read {scanner.TokenType}, escaped {scanner.ValueIsEscaped}";
        }

        if (scanner.ValueStartIndex != head - (escaped ? 2 : 0) || scanner.ValueSpan.Length != expectedLength)
        {
            return $"value at {scanner.ValueStartIndex} of length {scanner.ValueSpan.Length}, expected length {expectedLength}";
        }

        return null;
    }
}
