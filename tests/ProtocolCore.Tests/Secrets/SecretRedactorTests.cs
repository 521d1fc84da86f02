using System.Collections.Generic;

namespace ProtocolCore.Tests.Secrets;

public sealed class SecretRedactorTests
{
    private const string Key = "sk-canary-0123456789abcdef";

    [Fact]
    public void EveryWholeOccurrenceOfTheKeyIsReplaced()
    {
        SecretRedactor redactor = SecretRedactor.Create(Key);
        Assert.Equal(
            "Incorrect API key provided: [redacted]. (Bearer [redacted])",
            redactor.Redact($"Incorrect API key provided: {Key}. (Bearer {Key})"));
    }

    [Fact]
    public void MatchingIsCaseSensitiveAndNeedsTheWholeKey()
    {
        SecretRedactor redactor = SecretRedactor.Create(Key);
        string upper = Key.ToUpperInvariant();
        Assert.Equal($"{upper} and {Key[..^1]}", redactor.Redact($"{upper} and {Key[..^1]}"));
    }

    [Fact]
    public void AMaskedKeyIsLeftAsTheServerSentIt()
    {
        Assert.Equal("Incorrect API key provided: sk-canar**************cdef.", SecretRedactor.Create(Key).Redact("Incorrect API key provided: sk-canar**************cdef."));
    }

    [Theory]
    [InlineData("k")]
    [InlineData("path")]
    [InlineData("1234567")]
    public void AKeyShorterThanTheMinimumIsNotSearchedFor(string shortKey)
    {
        Assert.True(shortKey.Length < SecretRedactor.MinimumSecretLength);
        string text = $"Unknown path '/v1/nope/responses'; key {shortKey} 1234567.";
        Assert.Equal(text, SecretRedactor.Create(shortKey).Redact(text));
    }

    [Fact]
    public void AKeyOfTheMinimumLengthIsRedacted()
    {
        Assert.Equal(8, SecretRedactor.MinimumSecretLength);
        Assert.Equal("key [redacted]!", SecretRedactor.Create("12345678").Redact("key 12345678!"));
    }

    [Fact]
    public void ConfiguredHeaderCredentialsAreSecretsToo()
    {
        SecretRedactor redactor = SecretRedactor.Create(apiKey: null, new List<KeyValuePair<string, string>>
        {
            new("Authorization", "Bearer sk-from-authorization-header"),
            new("Proxy-Authorization", "Basic dXNlcjpwYXNzd29yZA=="),
            new("api-key", "azure-style-key-value"),
            new("X-Forward-Auth", "Bearer token-in-another-header"),
            new("OpenAI-Beta", "responses=websocket-v1"),
        });

        Assert.Equal(
            "[redacted] [redacted] [redacted] [redacted] responses=websocket-v1 Bearer",
            redactor.Redact("sk-from-authorization-header dXNlcjpwYXNzd29yZA== azure-style-key-value token-in-another-header responses=websocket-v1 Bearer"));
    }

    [Fact]
    public void ASecretContainingAnotherIsReplacedWhole()
    {
        SecretRedactor redactor = SecretRedactor.Create("abcdefgh", [new("Authorization", "Bearer abcdefgh-longer-token")]);
        Assert.Equal("[redacted] [redacted]", redactor.Redact("abcdefgh-longer-token abcdefgh"));
    }

    [Fact]
    public void NoKeyMeansNoChange()
    {
        Assert.Same(SecretRedactor.None, SecretRedactor.Create(null));
        Assert.Same(SecretRedactor.None, SecretRedactor.Create(""));
        Assert.Equal("Bearer sk-anything-at-all", SecretRedactor.None.Redact("Bearer sk-anything-at-all"));
        Assert.Null(SecretRedactor.Create(Key).Redact(null));
        Assert.Equal("", SecretRedactor.Create(Key).Redact(""));
    }
}
