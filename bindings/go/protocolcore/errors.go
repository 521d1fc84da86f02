package protocolcore

import "fmt"

// Status is a pc_status value from protocolcore.h.
type Status int32

// Statuses (MIRRORS pc_status in protocolcore.h).
const (
	StatusOK              Status = 0
	StatusNoEvent         Status = 1
	StatusClosed          Status = 2
	StatusInvalidArgument Status = -1
	StatusInvalidHandle   Status = -2
	StatusJSON            Status = -3
	StatusProtocol        Status = -4
	StatusBufferFull      Status = -5
	StatusInvalidState    Status = -6
	StatusUnsupported     Status = -7
	StatusInternal        Status = -8
)

// Error is a failure reported by the library: its status and its message.
type Error struct {
	Status  Status
	Message string
}

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
)
