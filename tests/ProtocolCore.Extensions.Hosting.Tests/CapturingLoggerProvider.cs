using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace ProtocolCore.Extensions.Hosting.Tests;

/// <summary>Keeps every entry logged at any level, for assertions on event ids, levels and text.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public IReadOnlyList<CapturedLog> WithEventId(int id) => Entries.Where(e => e.EventId.Id == id && e.Category == ResponsesClientLoggingObserver.CategoryName).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    /// <summary>No entry (message or exception text) contains any of <paramref name="secrets"/>.</summary>
    public void AssertNoSecret(params string[] secrets)
    {
        foreach (CapturedLog entry in Entries)
        {
            foreach (string secret in secrets)
            {
                Assert.DoesNotContain(secret, entry.FullText, StringComparison.Ordinal);
            }
        }
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
