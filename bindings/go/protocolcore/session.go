package protocolcore

/*
#include "pcgo.h"
*/
import "C"

import (
	"context"
	"encoding/json"
	"io"
	"runtime"
	"sync"
	"unsafe"
)

// SessionOptions are the members of pc_session_open's options JSON; zero values take the library defaults.
type SessionOptions struct {
	Mode                 string `json:"mode,omitempty"` // "websocket" (default) or "http"
	ConnectTimeoutMS     int    `json:"connect_timeout_ms,omitempty"`
	FirstEventTimeoutMS  int    `json:"first_event_timeout_ms,omitempty"`
	IdleTimeoutMS        int    `json:"idle_timeout_ms,omitempty"`
	MaxConnectionAgeMS   int    `json:"max_connection_age_ms,omitempty"`
	MaxReconnectAttempts *int   `json:"max_reconnect_attempts,omitempty"`
	AllowHTTPFallback    *bool  `json:"allow_http_fallback,omitempty"`
	// IOMode is "thread_pool" (default) or "event_loop": on Linux the library's own epoll threads read the socket (less
	// CPU per event with many sessions).
	IOMode string `json:"io_mode,omitempty"`
}

// Session is one conversation with the Responses API; the library does the I/O on its own threads. Send a turn's new
// input items, then pull its events with Next or NextView until io.EOF (or let RunTurn or a ToolLoop do both). The
// first request's non-input members are the template of every turn; the library chains previous_response_id, rotates
// and reconnects, and never replays a request that may have started (ErrInterrupted). The API key never appears in an
// error. Not safe for concurrent use, except Cancel; different sessions may be used concurrently.
//
// A context that is done while a call waits cancels the turn (pc_session_cancel): the call returns ctx.Err(), the
// turn's remaining events are dropped, a response still running loses its connection (it is not replayed; the next
// turn sends the full context on a new one), and the session takes the next Send.
type Session struct {
	handle C.uintptr_t
	state  *C.pcgo_state
	// life orders Cancel (any goroutine) against Close: pc_session_cancel must not race with pc_session_destroy.
	life   sync.RWMutex
	closed bool
	// inflight is closed when a native call whose caller returned ctx.Err() ends (see blocking); nil when none.
	inflight chan struct{}
}

// OpenSession opens a session on the API base URL ("https://api.openai.com/v1"; "/responses" is appended) or on the
// endpoint itself ("wss://api.openai.com/v1/responses"); nothing connects before the first Send. apiKey may be empty;
// opts may be nil. ErrInvalidArgument for a bad URL or options.
func OpenSession(url, apiKey string, opts *SessionOptions) (*Session, error) {
	if err := CheckABI(); err != nil {
		return nil, err
	}
	var options []byte
	if opts != nil && *opts != (SessionOptions{}) {
		options, _ = json.Marshal(opts)
	}
	state := C.pcgo_state_new()
	if state == nil {
		return nil, &Error{Status: StatusInternal, Message: "out of memory"}
	}
	s := &Session{state: state}
	u, k := []byte(url), []byte(apiKey)
	status := C.pcgo_session_open(bytesPointer(u), C.size_t(len(u)), bytesPointer(k), C.size_t(len(k)),
		bytesPointer(options), C.size_t(len(options)), &s.handle, state)
	runtime.KeepAlive(u)
	runtime.KeepAlive(k)
	runtime.KeepAlive(options)
	if status != C.PC_OK {
		err := s.error(status)
		C.free(unsafe.Pointer(state))
		return nil, err
	}
	runtime.SetFinalizer(s, (*Session).Close)
	return s, nil
}

// Close cancels a turn in progress, closes the connection and destroys the session (io.Closer): CloseContext without
// a bound. After a cancelled turn the library waits up to 5 s for its connection to close.
func (s *Session) Close() error {
	return s.CloseContext(context.Background())
}

// CloseContext is Close bounded by ctx: it first waits for a call an earlier ctx left running in the library, then
// closes; when ctx is done first it returns ctx.Err() and the close completes in the background (the session is
// closed for its caller either way). Calling it again returns nil; any other call afterwards fails with
// ErrInvalidHandle. It must not run while another goroutine is in a call on the session.
func (s *Session) CloseContext(ctx context.Context) error {
	s.life.Lock()
	if s.closed {
		s.life.Unlock()
		return nil
	}
	// From here Cancel sees closed: no pc_session_cancel can race with the destroy below.
	s.closed = true
	s.life.Unlock()
	runtime.SetFinalizer(s, nil)
	handle, state, inflight := s.handle, s.state, s.inflight
	s.state, s.inflight = nil, nil
	closed := make(chan error, 1)
	go func() {
		if inflight != nil {
			<-inflight
		}
		var err error
		if status := C.pcgo_session_close(handle, state); status != C.PC_OK {
			err = stateError(state, status)
		}
		if status := C.pcgo_session_destroy(handle, state); status != C.PC_OK && err == nil {
			err = stateError(state, status)
		}
		C.free(unsafe.Pointer(state))
		closed <- err
	}()
	select {
	case err := <-closed:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

var errSessionClosed = &Error{Status: StatusInvalidHandle, Message: "the session is closed"}

func (s *Session) error(status C.int32_t) error {
	return stateError(s.state, status)
}

func stateError(state *C.pcgo_state, status C.int32_t) error {
	message := C.GoStringN(&state.error[0], C.int(state.error_length))
	return &Error{Status: Status(status), Message: message}
}

// Send starts a turn: request is a response.create request whose "input" holds only this turn's new items (a user
// message, or the function_call_output items for the last turn's calls). It returns at once; pull the events with
// Next or NextView. ErrJSON for an invalid request; ErrInvalidState while a turn is in progress (pull until io.EOF
// first); ctx.Err() without sending when ctx is already done. After a cancelled turn the library first waits (up to
// 5 s) for that turn's connection to close: when ctx is done meanwhile, Send returns ctx.Err() and no turn runs for
// the caller (the library finishes the send on its own and the binding cancels that turn before the session's next
// call, which waits for it).
func (s *Session) Send(ctx context.Context, request []byte) error {
	if s.state == nil {
		return errSessionClosed
	}
	if ctx.Done() != nil {
		// The call may outlive Send (see blocking), and the caller may reuse request once Send returned.
		request = append([]byte(nil), request...)
	}
	// Locals: an abandoned call must not read the Session, which Close may change meanwhile.
	handle, state := s.handle, s.state
	status, err := s.blocking(ctx, func() C.int32_t {
		status := C.pcgo_session_send(handle, bytesPointer(request), C.size_t(len(request)), state)
		runtime.KeepAlive(request)
		return status
	}, func(status C.int32_t) {
		// The caller was told no turn runs: end the one this send started.
		if status == C.PC_OK {
			C.pcgo_session_cancel(handle)
			endCancelled(handle, state, C.PC_OK)
		}
	})
	if err != nil {
		return err
	}
	if status != C.PC_OK {
		return s.error(status)
	}
	return nil
}

// NextView waits for the turn's next event and points v at it in library memory, without copying: v's slices stay
// valid until the next Next, NextView, RunTurn or Close on the session (v.Copy keeps one). It returns
//   - nil: v holds an event; the turn's last event is its terminal one (response.completed, .failed, .incomplete,
//     .done, or an error event followed by ErrAPI);
//   - io.EOF: the turn is over, and again on every call until the next Send;
//   - the error that ended the turn, once: ErrInterrupted, ErrAPI, ErrConnection, or ErrCancelled after Cancel (then
//     io.EOF);
//   - ctx.Err() when ctx is done before an event arrives (context.DeadlineExceeded for a deadline): the turn is
//     cancelled (see Session), and the next call returns io.EOF.
func (s *Session) NextView(ctx context.Context, v *EventView) error {
	if err := s.pull(ctx); err != nil {
		return err
	}
	fillView(v, &s.state.event)
	return nil
}

// Next is NextView with the event copied out of the library (see NextView for what it returns).
func (s *Session) Next(ctx context.Context) (Event, error) {
	if err := s.pull(ctx); err != nil {
		return Event{}, err
	}
	var v EventView
	fillView(&v, &s.state.event)
	return v.Copy(), nil
}

// Cancel cancels the turn in progress, if any. It is the one call any goroutine may make, also while another waits in
// Next, NextView or RunTurn on the session: that pull (or the next) returns ErrCancelled once, then io.EOF. The turn's
// remaining events are dropped; a response still running loses its connection (not replayed: the next turn sends the
// full context on a new one). nil also when no turn runs; ErrInvalidHandle after Close.
func (s *Session) Cancel() error {
	s.life.RLock()
	defer s.life.RUnlock()
	if s.closed {
		return errSessionClosed
	}
	if status := C.pcgo_session_cancel(s.handle); status != C.PC_OK {
		return &Error{Status: Status(status), Message: "pc_session_cancel failed"}
	}
	return nil
}

// pull fills s.state.event with the next event; nil, io.EOF, the turn's error or ctx.Err() (the turn then cancelled).
func (s *Session) pull(ctx context.Context) error {
	if s.state == nil {
		return errSessionClosed
	}
	if err := s.settle(ctx); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		C.pcgo_session_cancel(s.handle)
		s.endCancelled(C.PC_OK)
		return err
	}
	// Buffered events (the common case once a turn streams) come back without arming anything.
	status := C.pcgo_session_next(s.handle, 0, s.state)
	if status == C.PC_NO_EVENT {
		var err error
		if status, err = s.wait(ctx); err != nil {
			return err
		}
	}
	switch {
	case status == C.PC_OK:
		return nil
	case status == C.PC_TURN_DONE:
		return io.EOF
	case status < 0:
		return s.error(status)
	}
	return &Error{Status: Status(status), Message: "unexpected status from pc_session_next_event"}
}

// wait blocks in the library until an event or the end of the turn. When ctx is done first, a goroutine cancels the
// turn (pc_session_cancel may run while this goroutine waits in pc_session_next_event), the wait returns, and so does
// ctx.Err(). The goroutine never outlives the call.
func (s *Session) wait(ctx context.Context) (C.int32_t, error) {
	done := ctx.Done()
	if done == nil {
		return C.pcgo_session_next(s.handle, -1, s.state), nil
	}
	returned := make(chan struct{})
	cancelled := make(chan bool, 1)
	go func() {
		select {
		case <-done:
			C.pcgo_session_cancel(s.handle)
			cancelled <- true
		case <-returned:
			cancelled <- false
		}
	}()
	status := C.pcgo_session_next(s.handle, -1, s.state)
	close(returned)
	if <-cancelled {
		s.endCancelled(status)
		return 0, ctx.Err()
	}
	return status, nil
}

// endCancelled consumes the cancel this binding made after a pull returned status: the library reports it with the
// next pull (PC_E_CANCELLED), unless that pull already did or the turn had ended before the cancel (PC_TURN_DONE).
// Those pulls return at once; the bound only keeps a library fault from hanging the caller.
func (s *Session) endCancelled(status C.int32_t) {
	endCancelled(s.handle, s.state, status)
}

func endCancelled(handle C.uintptr_t, state *C.pcgo_state, status C.int32_t) {
	for i := 0; i < 8 && status != C.PC_E_CANCELLED && status != C.PC_TURN_DONE; i++ {
		if status = C.pcgo_session_next(handle, 1000, state); status == C.PC_E_INVALID_STATE || status == C.PC_E_INVALID_HANDLE {
			return
		}
	}
}
