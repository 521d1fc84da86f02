package protocolcore

/*
#include "pcgo.h"
*/
import "C"

import (
	"context"
	"unsafe"
)

// TurnInfo is what the library knows for sure about a session's current or last turn (pc_session_turn_info): the
// bytes on the wire, its own chaining decision, its connections and retries, and the terminal response's id and usage.
// Bytes are payload bytes, as the .NET ResponsesTurnResult counts them: in WebSocket mode the text messages' payloads
// (the request JSON as sent, each event's JSON as received; no frame headers or control frames), in HTTP mode the
// request body and the response body (SSE text) as read. Every attempt of the turn counts.
type TurnInfo struct {
	Done          bool   // the turn ended for its reader (io.EOF or its error): every figure is final
	Status        Status // StatusOK, or the error that ended the turn (StatusCancelled, StatusInterrupted, ...)
	FullContext   *bool  // the request carried the whole conversation (false: chained on previous_response_id); nil if not known
	HTTPMode      bool   // the turn ran in HTTP mode (after any fallback)
	Retries       int    // requests sent again before one ran; -1 when not known
	Connects      int    // WebSocket connections the turn opened
	Reconnects    int    // of Connects, those that replaced an earlier connection
	Events        int64  // events of the turn's response the library queued
	BytesSent     int64  // request payload bytes
	BytesReceived int64  // event payload bytes
	ResponseID    string // the terminal response's id; "" if none
	Usage         *Usage // the terminal response's usage; nil if it carried none
}

// TurnInfo returns the figures of the turn in progress (only Events, BytesSent and BytesReceived, so far) or, once it
// ended, of the last turn. After a cancelled turn the library first waits (up to 5 s) for its connection to close, so
// that the figures are final; ctx bounds that wait (ctx.Err(), also without asking when ctx is already done).
// ErrInvalidState before the first Send; ErrInvalidHandle after Close.
func (s *Session) TurnInfo(ctx context.Context) (TurnInfo, error) {
	if s.state == nil {
		return TurnInfo{}, errSessionClosed
	}
	// Locals: an abandoned call must not read the Session, which Close may change meanwhile.
	handle, state := s.handle, s.state
	info := new(C.pc_turn_info)
	status, err := s.blocking(ctx, func() C.int32_t {
		return C.pcgo_session_turn_info(handle, info, state)
	}, nil)
	if err != nil {
		return TurnInfo{}, err
	}
	if status != C.PC_OK {
		return TurnInfo{}, s.error(status)
	}
	t := TurnInfo{
		Done:          info.done == 1,
		Status:        Status(info.status),
		HTTPMode:      info.mode == 1,
		Retries:       int(info.retries),
		Connects:      int(info.connects),
		Reconnects:    int(info.reconnects),
		Events:        int64(info.events),
		BytesSent:     int64(info.bytes_sent),
		BytesReceived: int64(info.bytes_received),
	}
	if info.full_context >= 0 {
		full := info.full_context == 1
		t.FullContext = &full
	}
	if info.response_id != nil {
		t.ResponseID = C.GoStringN((*C.char)(unsafe.Pointer(info.response_id)), C.int(info.response_id_length))
	}
	if info.total_tokens >= 0 || info.input_tokens >= 0 || info.output_tokens >= 0 {
		t.Usage = &Usage{
			InputTokens:     orZero(info.input_tokens),
			CachedTokens:    orZero(info.cached_tokens),
			OutputTokens:    orZero(info.output_tokens),
			ReasoningTokens: orZero(info.reasoning_tokens),
			TotalTokens:     orZero(info.total_tokens),
		}
	}
	return t, nil
}

// orZero reads a count the library reports as -1 when absent as 0, as Usage's JSON decoding does.
func orZero(count C.int64_t) int64 {
	if count < 0 {
		return 0
	}
	return int64(count)
}
