package protocolcore

import (
	"fmt"
	"strconv"
)

// Status is a pc_status value from protocolcore.h.
type Status int32

// Statuses (MIRRORS pc_status in protocolcore.h).
const (
	StatusOK              Status = 0
	StatusNoEvent         Status = 1
	StatusClosed          Status = 2
	StatusTurnDone        Status = 3
	StatusInvalidArgument Status = -1
	StatusInvalidHandle   Status = -2
	StatusJSON            Status = -3
	StatusProtocol        Status = -4
	StatusBufferFull      Status = -5
	StatusInvalidState    Status = -6
	StatusUnsupported     Status = -7
	StatusInternal        Status = -8
	StatusInterrupted     Status = -9
	StatusAPI             Status = -10
	StatusConnection      Status = -11
	StatusCancelled       Status = -12
)

var statusNames = map[Status]string{
	StatusOK: "PC_OK", StatusNoEvent: "PC_NO_EVENT", StatusClosed: "PC_CLOSED", StatusTurnDone: "PC_TURN_DONE",
	StatusInvalidArgument: "PC_E_INVALID_ARGUMENT", StatusInvalidHandle: "PC_E_INVALID_HANDLE", StatusJSON: "PC_E_JSON",
	StatusProtocol: "PC_E_PROTOCOL", StatusBufferFull: "PC_E_BUFFER_FULL", StatusInvalidState: "PC_E_INVALID_STATE",
	StatusUnsupported: "PC_E_UNSUPPORTED", StatusInternal: "PC_E_INTERNAL", StatusInterrupted: "PC_E_INTERRUPTED",
	StatusAPI: "PC_E_API", StatusConnection: "PC_E_CONNECTION", StatusCancelled: "PC_E_CANCELLED",
}

// String returns the status's name in protocolcore.h ("PC_E_JSON"), or its number for one this binding does not know.
func (s Status) String() string {
	if name, ok := statusNames[s]; ok {
		return name
	}
	return "status " + strconv.Itoa(int(s))
}

// Error is a failure reported by the library: its status and its message.
type Error struct {
	Status  Status
	Message string
}

// Error returns the library's message with the status number.
func (e *Error) Error() string {
	return fmt.Sprintf("protocolcore: %s (status %d)", e.Message, e.Status)
}

// Is makes errors.Is(err, ErrJSON) and the like match on the status.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Message == "" && t.Status == e.Status
}

// Sentinels for errors.Is.
var (
	ErrInvalidArgument = &Error{Status: StatusInvalidArgument}
	ErrInvalidHandle   = &Error{Status: StatusInvalidHandle}
	ErrJSON            = &Error{Status: StatusJSON}
	ErrProtocol        = &Error{Status: StatusProtocol}
	ErrBufferFull      = &Error{Status: StatusBufferFull}
	ErrInvalidState    = &Error{Status: StatusInvalidState}
	ErrUnsupported     = &Error{Status: StatusUnsupported}
	ErrInternal        = &Error{Status: StatusInternal}
	// ErrInterrupted: a session's connection dropped after the request was sent; it was NOT replayed.
	ErrInterrupted = &Error{Status: StatusInterrupted}
	// ErrAPI: the server answered a session's request with an error that no retry fixed.
	ErrAPI = &Error{Status: StatusAPI}
	// ErrConnection: a session could not connect, or the connection kept closing before the request was sent.
	ErrConnection = &Error{Status: StatusConnection}
	// ErrCancelled: Session.Cancel cancelled the turn; its remaining events were dropped. (A done context returns
	// ctx.Err() instead.)
	ErrCancelled = &Error{Status: StatusCancelled}
)
