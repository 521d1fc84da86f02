using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using ProtocolCore.Emulator;

namespace ProtocolCore.Client.Tests;

public sealed class DiagnosticsTests
{
    [Fact]
    public async Task TurnsEmitActivitiesAndMetrics()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        session.Template.Tools = ScriptedTools.CreateDefinitions();

        // Other tests run in parallel and report to the same static meter, so only this test's tag-free totals are
        // checked as lower bounds, and activities are matched by the session's turns.
        var measurements = new ConcurrentDictionary<string, double>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ResponsesClientDiagnostics.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, _, _) => measurements.AddOrUpdate(instrument.Name, value, (_, v) => v + value));
        meters.SetMeasurementEventCallback<double>((instrument, value, _, _) => measurements.AddOrUpdate(instrument.Name, 1, (_, v) => v + 1));
        meters.Start();

        var activities = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ResponsesClientDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);

        ResponsesTurnResult first = await session.CompleteTurnAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout());
        await session.CompleteTurnAsync(ClientTestHost.Outputs(first.FunctionCalls), ClientTestHost.Timeout());

        Assert.True(measurements.GetValueOrDefault("protocolcore.client.connects") >= 1);
        Assert.True(measurements.GetValueOrDefault("protocolcore.client.reuses") >= 1);
        Assert.True(measurements.GetValueOrDefault("protocolcore.client.bytes_sent") >= session.BytesSent);
        Assert.True(measurements.GetValueOrDefault("protocolcore.client.bytes_received") >= session.BytesReceived);
        Assert.True(measurements.GetValueOrDefault("protocolcore.client.time_to_first_event") >= 2);
        Assert.True(activities.Count(a => a.OperationName == "chat " + session.Template.Model && a.Kind == ActivityKind.Client) >= 2);
    }
}
