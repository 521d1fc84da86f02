using System;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Client;

namespace ProtocolCore.Client.Tests;

public sealed class EventWaitTimeoutTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AWaitLongerThanItsLimitCancelsTheToken()
    {
        using var timeout = new EventWaitTimeout(CancellationToken.None);
        timeout.BeginWait(TimeSpan.FromMilliseconds(50));
        await WhenCancelled(timeout.Token).WaitAsync(Generous);
        Assert.True(timeout.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task TimeBetweenWaitsDoesNotCount()
    {
        using var timeout = new EventWaitTimeout(CancellationToken.None);

        // Five short waits spread over more than the limit: only the waits count, and each is far below it.
        for (int i = 0; i < 5; i++)
        {
            timeout.BeginWait(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
            timeout.EndWait();
            await Task.Delay(300);
        }

        Assert.False(timeout.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task AShorterLimitAfterALongerOneIsHonoured()
    {
        // The first-event limit is long and the idle limit short: the timer armed for the first must not hide the second.
        using var timeout = new EventWaitTimeout(CancellationToken.None);
        timeout.BeginWait(TimeSpan.FromMinutes(10));
        timeout.EndWait();
        timeout.BeginWait(TimeSpan.FromMilliseconds(50));
        await WhenCancelled(timeout.Token).WaitAsync(Generous);
    }

    [Fact]
    public async Task AWaitThatOutlastsAnEarlierDeadlineIsGivenItsFullLimit()
    {
        using var timeout = new EventWaitTimeout(CancellationToken.None);
        timeout.BeginWait(TimeSpan.FromSeconds(2));
        timeout.EndWait();

        // This wait began a second later, so the timer due at the first one's deadline finds it has a second left and
        // re-arms (it must not cancel then), and must still fire for this wait.
        await Task.Delay(TimeSpan.FromSeconds(1));
        timeout.BeginWait(TimeSpan.FromSeconds(2));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(timeout.Token.IsCancellationRequested);
        await WhenCancelled(timeout.Token).WaitAsync(Generous);
    }

    [Fact]
    public void TheCallersCancellationCancelsTheToken()
    {
        using var caller = new CancellationTokenSource();
        using var timeout = new EventWaitTimeout(caller.Token);
        timeout.BeginWait(TimeSpan.FromMinutes(10));
        caller.Cancel();
        Assert.True(timeout.Token.IsCancellationRequested);
    }

    private static Task WhenCancelled(CancellationToken token)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(() => done.TrySetResult());
        return done.Task;
    }
}
