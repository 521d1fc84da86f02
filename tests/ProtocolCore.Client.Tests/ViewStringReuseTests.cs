using System;
using System.Text;
using ProtocolCore.Events;
using ProtocolCore.Models;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// Issue 15: a view decode reuses the string it made for a short value it read lately (the response id, object and
/// model repeat between <c>response.created</c> and <c>.in_progress</c>), an owned decode never shares, and what is
/// handed out is always the value read: escaped, non-ASCII and colliding values included.
/// </summary>
public sealed class ViewStringReuseTests
{
    // The id is their only string member: the cache is direct-mapped with a per-process hash seed, so a second string
    // could take the id's slot now and then; alone, the id's second read must find it.
    private const string Created = """{"type":"response.created","sequence_number":0,"response":{"id":"resp_123","status":"in_progress","output":[]}}""";
    private const string InProgress = """{"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_123","status":"in_progress","output":[]}}""";

    [Fact]
    public void ViewDecode_ReusesARepeatedShortString()
    {
        using var reader = new ResponsesEventReader();
        string id = ((ResponseCreatedEvent)reader.Read(Encoding.UTF8.GetBytes(Created))).Response!.Id!;
        Response second = ((ResponseInProgressEvent)reader.Read(Encoding.UTF8.GetBytes(InProgress))).Response!;

        Assert.Equal("resp_123", id);
        Assert.Same(id, second.Id);
    }

    [Fact]
    public void ViewDecode_AfterTheCacheIsCleared_MakesNewStrings()
    {
        using var reader = new ResponsesEventReader();
        string id = ((ResponseCreatedEvent)reader.Read(Encoding.UTF8.GetBytes(Created))).Response!.Id!;
        reader.ClearStringCache();
        string again = ((ResponseInProgressEvent)reader.Read(Encoding.UTF8.GetBytes(InProgress))).Response!.Id!;

        Assert.Equal(id, again);
        Assert.NotSame(id, again);
    }

    [Fact]
    public void OwnedDecode_NeverShares()
    {
        string first = ((ResponseCreatedEvent)ResponsesEventReader.Parse(Created)).Response!.Id!;
        string second = ((ResponseInProgressEvent)ResponsesEventReader.Parse(InProgress)).Response!.Id!;
        Assert.Equal(first, second);
        Assert.NotSame(first, second);
    }

    [Theory]
    [InlineData("caf\\u00e9", "café")]
    [InlineData("café", "café")]
    [InlineData("a\\\"b", "a\"b")]
    [InlineData("resp_124", "resp_124")]
    public void ViewDecode_HandsOutTheValueRead_AfterAnotherWasCached(string json, string expected)
    {
        using var reader = new ResponsesEventReader();
        reader.Read(Encoding.UTF8.GetBytes(Created));
        for (int i = 0; i < 2; i++)
        {
            string message = $$$"""{"type":"response.in_progress","sequence_number":1,"response":{"id":"{{{json}}}","object":"response","status":"in_progress","output":[]}}""";
            Assert.Equal(expected, ((ResponseInProgressEvent)reader.Read(Encoding.UTF8.GetBytes(message))).Response!.Id);
        }
    }

    [Fact]
    public void ViewDecode_ManyDistinctValues_EachReadBackExactly()
    {
        // More values than the cache has slots: collisions replace entries, never hand out another value.
        using var reader = new ResponsesEventReader();
        for (int round = 0; round < 2; round++)
        {
            for (int i = 0; i < 200; i++)
            {
                string message = $$$"""{"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_{{{i}}}","object":"response","status":"in_progress","output":[]}}""";
                Assert.Equal($"resp_{i}", ((ResponseInProgressEvent)reader.Read(Encoding.UTF8.GetBytes(message))).Response!.Id);
            }
        }
    }
}
