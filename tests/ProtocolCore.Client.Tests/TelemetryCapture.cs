using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// An OpenTelemetry SDK subscribed to the client's source and meter with the in-memory exporters, and a root activity
/// of this test's own. The client's source and meter are static and other tests run in parallel, so the spans this
/// test made are the ones in the root's trace, and its metric points the ones tagged with its emulator's port.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private static readonly ActivitySource s_testSource = new("ProtocolCore.Client.Tests.Telemetry");

    private readonly LockedCollection<Activity> _spans = new();
    private readonly LockedCollection<MetricSnapshot> _metrics = new();
    private readonly TracerProvider _tracer;
    private readonly MeterProvider _meter;

    public TelemetryCapture()
    {
        _tracer = Sdk.CreateTracerProviderBuilder()
            .AddSource(s_testSource.Name, ResponsesClientDiagnostics.ActivitySourceName)
            .AddInMemoryExporter(_spans)
            .Build();
        _meter = Sdk.CreateMeterProviderBuilder()
            .AddMeter(ResponsesClientDiagnostics.MeterName)
            .AddInMemoryExporter(_metrics)
            .Build();
        Root = s_testSource.StartActivity("telemetry test root") ?? throw new InvalidOperationException("The test source has no listener.");
    }

    /// <summary>The test's root span; the client's spans started under it share its trace.</summary>
    public Activity Root { get; }

    /// <summary>The client's exported spans in this test's trace, in the order they ended.</summary>
    public List<Activity> Spans() =>
        _spans.Snapshot().Where(a => a.TraceId == Root.TraceId && a.Source.Name == ResponsesClientDiagnostics.ActivitySourceName).ToList();

    /// <summary>Collects the metrics now and returns the latest snapshot of each of the client's instruments.</summary>
    public Dictionary<string, MetricSnapshot> Metrics()
    {
        _meter.ForceFlush();
        var latest = new Dictionary<string, MetricSnapshot>(StringComparer.Ordinal);
        foreach (MetricSnapshot metric in _metrics.Snapshot())
        {
            latest[metric.Name] = metric;
        }

        return latest;
    }

    public void Dispose()
    {
        Root.Dispose();
        _tracer.Dispose();
        _meter.Dispose();
    }

    /// <summary>What the exporters write into: other tests' activities end on other threads while this test reads.</summary>
    private sealed class LockedCollection<T> : ICollection<T>
    {
        private readonly List<T> _items = [];

        public int Count
        {
            get
            {
                lock (_items)
                {
                    return _items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public List<T> Snapshot()
        {
            lock (_items)
            {
                return [.. _items];
            }
        }

        public void Add(T item)
        {
            lock (_items)
            {
                _items.Add(item);
            }
        }

        public void Clear()
        {
            lock (_items)
            {
                _items.Clear();
            }
        }

        public bool Contains(T item) => Snapshot().Contains(item);

        public void CopyTo(T[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

        public bool Remove(T item)
        {
            lock (_items)
            {
                return _items.Remove(item);
            }
        }

        public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
