using System.Text;
using Xunit;

namespace ProtocolCore.Tests.Fixtures;

/// <summary>The comparer the fixture tests rely on must catch every kind of difference it claims to.</summary>
public class JsonDeepEqualTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[1,2]}""", """{"b":[1,2],"a":1}""")]
    [InlineData("""{"a":1.0,"b":1e2}""", """{"a":1,"b":100}""")]
    [InlineData("""{"a":"\u00e9\""}""", """{"a":"é\""}""")]
    [InlineData("""{"a":null}""", """{"a":null}""")]
    public void EqualJson(string expected, string actual)
    {
        Assert.True(JsonDeepEqual.Equal(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual), out string difference), difference);
    }

    [Theory]
    [InlineData("""{"a":1}""", """{"a":2}""", "$.a")]
    [InlineData("""{"a":1}""", """{}""", "'a' is missing")]
    [InlineData("""{}""", """{"a":null}""", "unexpected member 'a'")]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""", "$.a[0]")]
    [InlineData("""{"a":[1]}""", """{"a":[1,1]}""", "elements")]
    [InlineData("""{"a":"1"}""", """{"a":1}""", "expected String")]
    [InlineData("""{"a":{"b":true}}""", """{"a":{"b":false}}""", "$.a.b")]
    [InlineData("""{"a":1}""", """{"a":1,"a":1}""", "written twice")]
    public void DifferentJson(string expected, string actual, string reported)
    {
        Assert.False(JsonDeepEqual.Equal(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual), out string difference));
        Assert.Contains(reported, difference);
    }
}
