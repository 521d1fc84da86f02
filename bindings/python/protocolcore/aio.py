"""asyncio: ``AsyncSession``, the same conversation as ``Session`` without blocking the event loop.

    async with AsyncSession(url, api_key, template={"model": "gpt-5"}) as session:
        turn = session.turn("Hello")
        async for event in turn:
            print(event.text_delta or "", end="")
        print(turn.result.usage)

The C ABI has no callback or file descriptor to wait on, so an event already buffered is pulled on the event loop's
thread (a poll that never blocks), and a wait for the next one runs on one worker thread per session (the library
releases the GIL meanwhile). Cancelling the task that waits cancels the turn through pc_session_cancel, which wakes
that worker at once.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
from typing import Any, Callable, Mapping

from ._native import PC_NO_EVENT, PC_TURN_DONE
from .errors import EventTimeoutError, InvalidStateError, ProtocolCoreError
from .event import Event
from .results import NOTED_KINDS, TurnCollector, TurnResult
from .session import OptionValue, Session, Turn, TurnInput
from .toolloop import Tool, ToolLoopResult, run_tool_loop_async

# A worker's wait is cut into slices so that a session abandoned without aclose() frees its thread soon after.
_WAIT_SLICE_MS = 1000


class AsyncSession:
    """One conversation, for asyncio: ``async with``, then ``async for event in session.turn(items)``.

    Takes what ``Session`` takes (``url``, ``api_key``, ``template``, the pc_session_open options). One task at a
    time per session, except ``cancel``. Cancelling the task while it waits for an event cancels the turn (as
    cancelling the .NET session's token does): if the response was still running its connection is closed, so the
    next turn sends the full context on a new connection. Starting a turn while the previous one was not iterated
    to its end cancels that one too.
    """

    def __init__(self, url: str, api_key: str | None = None, *, template: Mapping[str, Any] | None = None,
                 **options: OptionValue) -> None:
        self._session = Session(url, api_key, template=template, **options)
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None
        #: The worker's pull in flight, if any: no other native call may overlap it (one thread at a time).
        self._inflight: concurrent.futures.Future[int] | None = None
        self._turn: AsyncTurn | None = None
        self._closed = False

    def __repr__(self) -> str:
        return f"<protocolcore.AsyncSession {'closed' if self._closed else 'open'}>"

    async def __aenter__(self) -> AsyncSession:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Cancels a turn in progress, closes the connection (on the worker: that waits up to 5 s for the library's
        I/O) and destroys the native session. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._session.cancel()
        try:
            await self._settle()
            await asyncio.get_running_loop().run_in_executor(self._worker(), self._session.close)
        finally:
            if self._executor is not None:
                self._executor.shutdown(wait=False)

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

    def _worker(self) -> concurrent.futures.ThreadPoolExecutor:
        if self._executor is None:
            # One thread: the session's blocking calls run one after another, never two at once.
            self._executor = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="protocolcore-session")
        return self._executor

    async def _settle(self) -> None:
        """Waits until no pull is in flight. After a cancel that pull returns at once; its outcome (an event that
        raced the cancel, the cancellation itself) belongs to the cancelled turn and is dropped."""
        inflight = self._inflight
        if inflight is not None:
            wrapped = asyncio.wrap_future(inflight)
            wrapped.add_done_callback(_consume_outcome)  # also if this wait is cancelled
            try:
                await asyncio.shield(wrapped)
            except ProtocolCoreError:
                pass
            finally:
                if inflight.done():
                    self._inflight = None

    async def _start(self, turn: AsyncTurn) -> TurnCollector:
        await self._settle()
        previous = self._turn
        collector = previous._collector if previous is not None else None
        if collector is not None and not collector.closed:
            await self._drain(collector, cancel=not collector.done)
        if collector is not None and collector.cancelled:
            # The send waits (up to about 5 s) for the cancelled turn's connection to close: not on the loop's thread.
            await asyncio.get_running_loop().run_in_executor(self._worker(), self._session._send, turn._request)
        else:
            self._session._send(turn._request)
        self._turn = turn
        return TurnCollector()

    async def _drain(self, collector: TurnCollector, cancel: bool) -> None:
        """Ends the library's turn (see Turn._drain), on the worker."""
        stub = Turn(self._session, collector, None)
        await asyncio.get_running_loop().run_in_executor(self._worker(), stub._drain, cancel)

    async def _next(self, timeout: float | None) -> Event | None:
        """The turn's next event, None at its end. Errors as Session.events raises them."""
        session = self._session
        await self._settle()
        status = session._pull(0)
        if status == PC_NO_EVENT:
            deadline = None if timeout is None else time.monotonic() + timeout
            worker = self._worker()
            while True:
                wait = _WAIT_SLICE_MS
                if deadline is not None:
                    wait = max(0, min(wait, int((deadline - time.monotonic()) * 1000)))
                # The status is checked on the worker: the library's error message is per thread.
                inflight = worker.submit(session._pull, wait)
                self._inflight = inflight
                wrapped = asyncio.wrap_future(inflight)
                try:
                    # Shielded: a cancelled wait must not cancel the worker's pull before it starts (_settle waits
                    # for its outcome, and the cancel below makes it return at once).
                    status = await asyncio.shield(wrapped)
                except asyncio.CancelledError:
                    session.cancel()  # wakes the worker; the turn ends (the caller's task is being cancelled)
                    wrapped.add_done_callback(_consume_outcome)  # _settle reads it from `inflight`
                    raise
                finally:
                    if inflight.done():
                        self._inflight = None
                if status != PC_NO_EVENT:
                    break
                if deadline is not None and time.monotonic() >= deadline:
                    raise EventTimeoutError(f"no event within {timeout} s")
        if status == PC_TURN_DONE:
            return None
        return session._copy()


def _consume_outcome(future: asyncio.Future[int]) -> None:
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
                await asyncio.get_running_loop().run_in_executor(self._owner._worker(), self._owner._session._capture,
                                                                 collector)
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
