using System.Threading;

namespace ProtocolCore.Client;

/// <summary>
/// The token of a written-out async sequence (<see cref="ResponsesSession.TurnRun"/>, <see cref="ResponsesConnection.ResponseStream"/>):
/// the call's, joined by the enumeration's as an async iterator's <c>[EnumeratorCancellation]</c> does (either alone
/// when the other cannot cancel or is the same, else both linked).
/// </summary>
internal struct EnumerationToken
{
    private CancellationToken _call;
    private CancellationTokenSource? _linked;

    /// <summary>What the sequence's steps pass on.</summary>
    public CancellationToken Token { get; private set; }

    /// <summary>The call's token, for a sequence just bound.</summary>
    public void Bind(CancellationToken call)
    {
        _call = call;
        Token = call;
    }

    /// <summary>The caller starts enumerating with <paramref name="enumeration"/>.</summary>
    public void Enumerate(CancellationToken enumeration)
    {
        if (!_call.CanBeCanceled)
        {
            Token = enumeration;
        }
        else if (enumeration.CanBeCanceled && enumeration != _call)
        {
            _linked = CancellationTokenSource.CreateLinkedTokenSource(_call, enumeration);
            Token = _linked.Token;
        }
    }

    /// <summary>The sequence is over: the link (if any) is disposed and nothing is held.</summary>
    public void Reset()
    {
        _linked?.Dispose();
        this = default;
    }
}
