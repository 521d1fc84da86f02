package protocolcore

/*
#include "pcgo.h"
*/
import "C"

import (
	"encoding/json"
	"fmt"
	"runtime"
	"time"
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
}

// Session is one conversation with the Responses API; the library does the I/O on its own threads. Send a turn's new
// input items, then pull its events with Next (or use RunTurn). The first request's non-input members are the
// template of every turn; the library chains previous_response_id, rotates and reconnects, and never replays a
// request that may have started (ErrInterrupted). The API key never appears in an error. Not safe for concurrent
// use; different sessions may be used concurrently.
type Session struct {
	handle C.uintptr_t
	state  *C.pcgo_state
	closed bool
}

// OpenSession opens a session on the API base URL ("/responses" is appended); nothing connects before the first
// Send. apiKey may be empty; opts may be nil. ErrInvalidArgument for a bad URL or options.
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

// Close cancels a turn in progress, closes the connection and destroys the session (io.Closer). Calling it again
// returns nil; any other call afterwards fails with ErrInvalidHandle.
func (s *Session) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	runtime.SetFinalizer(s, nil)
	var err error
	if status := C.pcgo_session_close(s.handle, s.state); status != C.PC_OK {
		err = s.error(status)
	}
	if status := C.pcgo_session_destroy(s.handle, s.state); status != C.PC_OK && err == nil {
		err = s.error(status)
	}
	C.free(unsafe.Pointer(s.state))
	s.state = nil
	return err
}

var errSessionClosed = &Error{Status: StatusInvalidHandle, Message: "the session is closed"}

func (s *Session) error(status C.int32_t) error {
	message := C.GoStringN(&s.state.error[0], C.int(s.state.error_length))
	return &Error{Status: Status(status), Message: message}
}

// Send starts a turn: request is a response.create request whose "input" holds only this turn's new items.
// ErrJSON for an invalid request; ErrInvalidState while a turn is in progress (pull until StatusTurnDone first).
func (s *Session) Send(request []byte) error {
	if s.state == nil {
		return errSessionClosed
	}
	status := C.pcgo_session_send(s.handle, bytesPointer(request), C.size_t(len(request)), s.state)
	runtime.KeepAlive(request)
	if status != C.PC_OK {
		return s.error(status)
	}
	return nil
}

// Next waits up to timeout (negative: forever) for the turn's next event. It returns StatusOK with the event (a
// copy), StatusNoEvent when the timeout passed, StatusTurnDone once the turn is over (after its terminal event or
// its error), or the error that ended the turn (ErrInterrupted, ErrAPI, ErrConnection), once.
func (s *Session) Next(timeout time.Duration) (Event, Status, error) {
	if s.state == nil {
		return Event{}, StatusInvalidHandle, errSessionClosed
	}
	ms := int64(-1)
	if timeout >= 0 {
		ms = int64(timeout / time.Millisecond)
		if ms > 1<<31-1 {
			ms = 1<<31 - 1
		}
	}
	status := C.pcgo_session_next(s.handle, C.int32_t(ms), s.state)
	if status != C.PC_OK {
		if status < 0 {
			return Event{}, Status(status), s.error(status)
		}
		return Event{}, Status(status), nil
	}
	e := &s.state.event
	event := Event{
		Kind:           int32(e.kind),
		Type:           string(view(e._type, e.type_length)),
		SequenceNumber: int64(e.sequence_number),
		OutputIndex:    int32(e.output_index),
		ContentIndex:   int32(e.content_index),
		RawJSON:        C.GoBytes(unsafe.Pointer(e.raw_json), C.int(e.raw_json_length)),
	}
	if e.item_id != nil {
		id := string(view(e.item_id, e.item_id_length))
		event.ItemID = &id
	}
	if e.delta != nil {
		d := string(view(e.delta, e.delta_length))
		event.Delta = &d
	}
	return event, StatusOK, nil
}

// RunTurn sends request and collects the turn's events, the terminal one last. Each event must arrive within
// timeout (ErrEventTimeout otherwise); a failed turn returns the events before the failure with its error.
func (s *Session) RunTurn(request []byte, timeout time.Duration) ([]Event, error) {
	if err := s.Send(request); err != nil {
		return nil, err
	}
	var events []Event
	for {
		event, status, err := s.Next(timeout)
		switch {
		case err != nil:
			return events, err
		case status == StatusTurnDone:
			return events, nil
		case status == StatusNoEvent:
			return events, &Error{Status: StatusNoEvent, Message: fmt.Sprintf("no event within %v", timeout)}
		}
		events = append(events, event)
	}
}
