"""asyncio: ``AsyncSession``, the same conversation as ``Session`` without blocking the event loop.

    async with AsyncSession(url, api_key, template={"model": "gpt-5"}) as session:
        turn = session.turn("Hello")
        async for event in turn:
            print(event.text_delta or "", end="")
        print(turn.result.usage)

No thread waits for events: every pull is a poll (timeout 0) on the event loop's thread, and between polls the task
waits for the session's readiness descriptor (``pc_session_ready_fd``, an eventfd) with ``loop.add_reader``. The
library keeps that descriptor readable whenever a poll would return something (an event, the turn's end or error, a
cancellation), and drains it only in a poll that finds nothing and then looks again, so a wake-up is never lost.
Cancelling the task that waits cancels the turn through pc_session_cancel. The calls that may block for seconds (the
send after a cancelled turn, which waits for its connection to close; the figures of a cancelled turn; close) run on
the loop's default executor, one at a time per session.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Callable, Mapping, TypeVar

from ._native import PC_NO_EVENT, PC_TURN_DONE
from .errors import EventTimeoutError, InvalidStateError, ProtocolCoreError
from .event import Event
from .results import NOTED_KINDS, TurnCollector, TurnResult
from .session import OptionValue, Session, Turn, TurnInput
from .toolloop import Tool, ToolLoopResult, run_tool_loop_async

_T = TypeVar("_T")


class AsyncSession:
    """One conversation, for asyncio: ``async with``, then ``async for event in session.turn(items)``.

    Takes what ``Session`` takes (``url``, ``api_key``, ``template``, the pc_session_open options). One task at a
    time per session, except ``cancel`` and ``aclose``. Cancelling the task while it waits for an event cancels the
    turn (as cancelling the .NET session's token does): if the response was still running its connection is closed,
    so the next turn sends the full context on a new connection. Starting a turn while the previous one was not
    iterated to its end cancels that one too. Needs an event loop with ``add_reader`` (the default loop on Linux,
    uvloop).
    """

    def __init__(self, url: str, api_key: str | None = None, *, template: Mapping[str, Any] | None = None,
                 **options: OptionValue) -> None:
        self._session = Session(url, api_key, template=template, **options)
        #: The readiness eventfd (pc_session_ready_fd), asked for at the first wait.
        self._fd: int | None = None
        #: The future a task waiting for the fd awaits (None when no task waits).
        self._waiter: asyncio.Future[None] | None = None
        #: A blocking call in flight on the executor: no other native call may overlap it (one thread at a time).
        self._offloop: asyncio.Future[Any] | None = None
        self._turn: AsyncTurn | None = None
        self._closed = False

    def __repr__(self) -> str:
        return f"<protocolcore.AsyncSession {'closed' if self._closed else 'open'}>"

    async def __aenter__(self) -> AsyncSession:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Cancels a turn in progress, closes the connection (on the executor: that waits up to 5 s for the library's
        I/O) and destroys the native session. A task still iterating a turn gets InvalidStateError. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._session.cancel()
        # The descriptor is closed with the session: stop watching it now, and wake the task that watched it.
        waiter = self._waiter
        if waiter is not None:
            _wake(waiter)
        if self._fd is not None:
            asyncio.get_running_loop().remove_reader(self._fd)
        try:
            await self._settle()
        finally:
            await asyncio.get_running_loop().run_in_executor(None, self._session.close)

    def cancel(self) -> None:
        """Cancels the turn in progress, if any (see ``Session.cancel``); callable from any task or thread. The
        iteration of that turn then raises TurnCancelledError."""
        self._session.cancel()

    def turn(self, request: TurnInput, *, timeout: float | None = 60.0) -> AsyncTurn:
        """A turn to iterate with ``async for``; the request is sent when the iteration starts. ``request`` and
        ``timeout`` as in ``Session.turn``. Also an async context manager that cancels the turn on exit if it has not
        ended (``async with session.turn(items) as turn: async for event in turn: ...``)."""
        if self._closed:
            raise InvalidStateError("the session is closed")
        return AsyncTurn(self, self._session._encode(request), timeout)

    async def complete_turn(self, request: TurnInput, *, timeout: float | None = 60.0,
                            on_event: Callable[[Event], object] | None = None) -> TurnResult:
        """``turn(request)`` iterated to its end (each event to ``on_event`` if given); returns its result."""
        turn = self.turn(request, timeout=timeout)
        async for event in turn:
            if on_event is not None:
                on_event(event)
        return turn.result

    async def run_tool_loop(self, request: TurnInput, tools: Mapping[str, Tool], *,
                            on_text: Callable[[str], object] | None = None,
                            on_event: Callable[[Event], object] | None = None,
                            max_turns: int = 64, timeout: float | None = 60.0) -> ToolLoopResult:
        """Runs turns until one ends without function calls; see ``protocolcore.toolloop.run_tool_loop_async``."""
        return await run_tool_loop_async(self, request, tools, on_text=on_text, on_event=on_event,
                                         max_turns=max_turns, timeout=timeout)

    # Internals ---------------------------------------------------------------------------------------------------

    async def _blocking(self, function: Callable[..., _T], *args: Any) -> _T:
        """Runs a native call that may block for seconds on the loop's default executor. Shielded: a cancelled task
        leaves it running, and the next native call waits for it (``_settle``)."""
        await self._settle()
        future = asyncio.get_running_loop().run_in_executor(None, function, *args)
        self._offloop = future
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            future.add_done_callback(_consume_outcome)
            raise
        finally:
            if future.done():
                self._offloop = None

    async def _settle(self) -> None:
        """Waits until no blocking call is in flight; its outcome belongs to whoever started it and is dropped."""
        future = self._offloop
        if future is not None:
            try:
                await asyncio.shield(future)
            except ProtocolCoreError:
                pass
            finally:
                if future.done():
                    self._offloop = None

    async def _start(self, turn: AsyncTurn) -> TurnCollector:
        await self._settle()
        previous = self._turn
        collector = previous._collector if previous is not None else None
        if collector is not None and not collector.closed:
            await self._drain(collector, cancel=not collector.done)
        if collector is not None and collector.cancelled:
            # The send waits (up to about 5 s) for the cancelled turn's connection to close: not on the loop's thread.
            await self._blocking(self._session._send, turn._request)
        else:
            self._session._send(turn._request)
        self._turn = turn
        return TurnCollector()

    async def _drain(self, collector: TurnCollector, cancel: bool) -> None:
        """Ends the library's turn (see Turn._drain; after a cancel its figures wait for the connection to close)."""
        stub = Turn(self._session, collector, None)
        await self._blocking(stub._drain, cancel)

    async def _next(self, timeout: float | None) -> Event | None:
        """The turn's next event, None at its end. Errors as Session.events raises them."""
        session = self._session
        if self._offloop is not None:
            await self._settle()
        if self._closed:  # aclose (another task) runs close on the executor: no pull may overlap it
            raise InvalidStateError("the session was closed while this turn was being iterated")
        status = session._pull(0)
        if status == PC_NO_EVENT:
            deadline = None if timeout is None else time.monotonic() + timeout
            while status == PC_NO_EVENT:
                remaining = None
                if deadline is not None:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise EventTimeoutError(f"no event within {timeout} s")
                try:
                    await self._readable(remaining)
                except asyncio.CancelledError:
                    if not self._closed:
                        session.cancel()  # the turn ends (the caller's task is being cancelled)
                    raise
                if self._closed:
                    raise InvalidStateError("the session was closed while this turn was being iterated")
                status = session._pull(0)
        if status == PC_TURN_DONE:
            return None
        return session._copy()

    async def _readable(self, timeout: float | None) -> None:
        """Returns when the readiness fd is readable or ``timeout`` seconds passed (the caller polls either way)."""
        if self._waiter is not None:
            raise InvalidStateError("another task is already waiting for this session's events")
        fd = self._fd
        if fd is None:
            fd = self._fd = self._session._ready_fd()
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        # Level-triggered: a callback per readiness while registered; _wake ignores all but the first. A loop without
        # add_reader (Windows' proactor) raises NotImplementedError here, before anything is registered.
        loop.add_reader(fd, _wake, waiter)
        self._waiter = waiter
        timer = loop.call_later(timeout, _wake, waiter) if timeout is not None else None
        try:
            await waiter
        finally:
            self._waiter = None
            if timer is not None:
                timer.cancel()
            if not self._closed:  # aclose removed it before the fd was closed (its number may be reused since)
                loop.remove_reader(fd)


def _wake(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)


def _consume_outcome(future: asyncio.Future[Any]) -> None:
    """Marks a dropped future's exception as retrieved (else asyncio logs "Future exception was never retrieved")."""
    if not future.cancelled():
        future.exception()


class AsyncTurn:
    """One turn of an AsyncSession: ``async for event in turn``, then ``turn.result`` (a TurnResult). Iterating again
    after an EventTimeoutError continues the turn."""

    def __init__(self, owner: AsyncSession, request: bytes, timeout: float | None) -> None:
        self._owner = owner
        self._request = request
        self._timeout = timeout
        self._collector: TurnCollector | None = None

    def __aiter__(self) -> AsyncTurn:
        return self

    async def __anext__(self) -> Event:
        collector = self._collector
        if collector is None:
            collector = self._collector = await self._owner._start(self)
        if collector.done:
            raise StopAsyncIteration
        try:
            event = await self._owner._next(self._timeout)
        except EventTimeoutError:
            raise  # not the end: the turn goes on
        except ProtocolCoreError as e:
            collector.fail(e)
            # After a cancel the figures wait for the cancelled turn's connection to close: not on the loop's thread.
            if collector.cancelled:
                await self._owner._blocking(self._owner._session._capture, collector)
            else:
                self._owner._session._capture(collector)
            raise
        except asyncio.CancelledError:
            # _next cancelled the native turn (or it had ended); drained when the next turn starts.
            collector.cancelled = True
            raise
        if event is None:
            collector.done = collector.closed = True
            self._owner._session._capture(collector)
            raise StopAsyncIteration
        collector.events += 1
        if event[0] in NOTED_KINDS:
            collector.note(event)
        return event

    async def __aenter__(self) -> AsyncTurn:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Cancels the turn if it was sent and has not ended, and waits until it is over."""
        collector = self._collector
        if collector is not None and not collector.closed and self._owner._turn is self:
            if not collector.done:
                self._owner._session.cancel()
            await self._owner._settle()
            await self._owner._drain(collector, cancel=not collector.done)

    @property
    def done(self) -> bool:
        """True once the turn ended (its terminal event, failure or cancellation was pulled)."""
        return self._collector is not None and self._collector.done

    @property
    def result(self) -> TurnResult:
        """What the turn produced; InvalidStateError before its iteration ended."""
        if self._collector is None or not self._collector.done:
            raise InvalidStateError("the turn has not ended: iterate it to the end first (or call complete())")
        return self._collector.result()

    async def complete(self) -> TurnResult:
        """Iterates the rest of the turn and returns its result (raising the turn's error if it failed)."""
        async for _ in self:
            pass
        return self.result


__all__ = ["AsyncSession", "AsyncTurn"]
