package protocolcore

/*
#include "pcgo.h"
*/
import "C"

import (
	"context"
	"sync/atomic"
)

// Calls that may wait in the library for seconds (pc_session_send after a cancelled turn, pc_session_turn_info after
// a cancel, pc_session_close: each waits up to 5 s for the cancelled turn's connection to close) run on a goroutine
// so that the caller's ctx bounds them. A call the caller stopped waiting for keeps running; the session remembers it
// (Session.inflight), and the next call on the session first waits for it, so native calls on one session never
// overlap and the session is not destroyed while one runs.

const (
	callRunning   int32 = iota
	callReturned        // the caller took the call's status
	callAbandoned       // the caller returned ctx.Err(); the call finishes on its own
)

// nativeCallHook, when not nil, runs on a bounded call's goroutine before the native call. Tests only: the library
// waits for seconds only when a cancelled turn's connection is slow to close, which a test cannot provoke at will.
var nativeCallHook func()

// blocking runs call, a native call on the session, bounded by ctx: ctx.Err() without calling when ctx is done (also
// while waiting for an earlier abandoned call), and ctx.Err() when ctx is done first, leaving the call in flight. An
// abandoned call's status goes to abandon (if not nil), still on the call's goroutine, before the session takes
// another call.
func (s *Session) blocking(ctx context.Context, call func() C.int32_t, abandon func(C.int32_t)) (C.int32_t, error) {
	if err := s.settle(ctx); err != nil {
		return 0, err
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	done := ctx.Done()
	if done == nil {
		return call(), nil
	}
	finished := make(chan struct{})
	var owner atomic.Int32
	var status C.int32_t
	go func() {
		defer close(finished)
		if hook := nativeCallHook; hook != nil {
			hook()
		}
		status = call()
		if !owner.CompareAndSwap(callRunning, callReturned) && abandon != nil {
			abandon(status)
		}
	}()
	select {
	case <-finished:
		return status, nil
	case <-done:
		if owner.CompareAndSwap(callRunning, callAbandoned) {
			s.inflight = finished
			return 0, ctx.Err()
		}
		// The call returned as ctx ended: its status is the caller's.
		<-finished
		return status, nil
	}
}

// settle waits for the call the session's caller abandoned, if any; ctx.Err() when ctx is done first (the call then
// stays in flight).
func (s *Session) settle(ctx context.Context) error {
	if s.inflight == nil {
		return nil
	}
	select {
	case <-s.inflight:
		s.inflight = nil
		return nil
	default:
	}
	select {
	case <-s.inflight:
		s.inflight = nil
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
