using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Autobahn;

/// <summary>
/// The fuzzing server's client protocol: <c>/getCaseCount</c>, then <c>/runCase?case=i&amp;agent=NAME</c> for every
/// case (echoing until the server closes), then <c>/updateReports?agent=NAME</c>, which writes the reports. The
/// verdicts are the server's (reports/clients/index.json); this prints how each case ended on the client's side.
/// </summary>
internal sealed class AutobahnCaseRunner
{
    private readonly EchoAgent _agent;
    private readonly Uri _server;
    private readonly TimeSpan _caseTimeout;

    public AutobahnCaseRunner(EchoAgent agent, Uri server, TimeSpan caseTimeout)
    {
        _agent = agent;
        _server = server;
        _caseTimeout = caseTimeout;
    }

    /// <summary>Runs every case; returns how many ended in a way a conforming client never ends one.</summary>
    public async Task<AutobahnRunSummary> RunAsync()
    {
        string agent = Uri.EscapeDataString(_agent.Name);
        var stopwatch = Stopwatch.StartNew();

        string countText;
        using (var guard = new CancellationTokenSource(_caseTimeout))
        {
            countText = await _agent.ReceiveFirstTextAsync(new Uri(_server, "/getCaseCount"), guard.Token);
        }

        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out int caseCount))
        {
            throw new InvalidOperationException($"/getCaseCount answered '{countText}', not a number.");
        }

        int serverClosed = 0, clientFailed = 0, hung = 0, untyped = 0;
        for (int caseNumber = 1; caseNumber <= caseCount; caseNumber++)
        {
            var uri = new Uri(_server, $"/runCase?case={caseNumber}&agent={agent}");
            EchoSessionResult result;
            using (var guard = new CancellationTokenSource(_caseTimeout))
            {
                try
                {
                    result = await _agent.EchoAsync(uri, guard.Token);
                }
                catch (OperationCanceledException) when (guard.IsCancellationRequested)
                {
                    result = new EchoSessionResult(EchoSessionEnding.HangGuard, 0, $"no end after {_caseTimeout.TotalSeconds:0} s; aborted");
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Recorded with its stack for whoever fixes it; the remaining cases still run.
                    result = new EchoSessionResult(EchoSessionEnding.UntypedException, 0, e.ToString());
                }
            }

            switch (result.Ending)
            {
                case EchoSessionEnding.ServerClosed:
                    serverClosed++;
                    break;
                case EchoSessionEnding.ClientFailed:
                    clientFailed++;
                    break;
                case EchoSessionEnding.HangGuard:
                    hung++;
                    break;
                default:
                    untyped++;
                    break;
            }

            Console.WriteLine(FormattableString.Invariant(
                $"{_agent.Name} case {caseNumber}/{caseCount}: {result.Ending}, {result.MessagesEchoed} echoed, {result.Detail}"));
        }

        using (var guard = new CancellationTokenSource(_caseTimeout))
        {
            // The server writes the reports, then closes.
            await _agent.EchoAsync(new Uri(_server, $"/updateReports?agent={agent}"), guard.Token);
        }

        Console.WriteLine(FormattableString.Invariant(
            $"{_agent.Name}: {caseCount} cases in {stopwatch.Elapsed.TotalSeconds:0.0} s: {serverClosed} closed by the server, {clientFailed} failed by the client (typed error), {hung} aborted by the hang guard, {untyped} ended by an untyped exception"));
        return new AutobahnRunSummary(hung, untyped);
    }
}
