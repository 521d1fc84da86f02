package protocolcore

/*
#include "pcgo.h"
*/
import "C"

import (
	"encoding/json"
	"runtime"
	"unsafe"
)

// Options are the codec's limits; zero values take the library defaults (16 MiB each).
type Options struct {
	MaxMessageSize int `json:"max_message_size,omitempty"`
	MaxFrameSize   int `json:"max_frame_size,omitempty"`
}

// Codec is a sans-IO client codec for one WebSocket connection: Feed it what the socket received, send what
// EncodeCreate and TakeOutgoing return. Not safe for concurrent use; different codecs may be used concurrently.
type Codec struct {
	handle C.uintptr_t
	state  *C.pcgo_state
	closed bool
	views  []EventView // Feed's batch, allocated on first use
}

// NewCodec creates a codec; opts may be nil.
func NewCodec(opts *Options) (*Codec, error) {
	if err := CheckABI(); err != nil {
		return nil, err
	}
	var options []byte
	if opts != nil && (*opts != Options{}) {
		options, _ = json.Marshal(opts)
	}
	state := C.pcgo_state_new()
	if state == nil {
		return nil, &Error{Status: StatusInternal, Message: "out of memory"}
	}
	c := &Codec{state: state}
	status := C.pcgo_create(bytesPointer(options), C.size_t(len(options)), &c.handle, state)
	runtime.KeepAlive(options)
	if status != C.PC_OK {
		err := c.error(status)
		C.free(unsafe.Pointer(state))
		return nil, err
	}
	// A forgotten Close leaks nothing for long.
	runtime.SetFinalizer(c, (*Codec).Close)
	return c, nil
}

// Close destroys the codec and frees its C state (io.Closer). Calling it again returns nil; any other call
// afterwards fails with ErrInvalidHandle.
func (c *Codec) Close() error {
	if c.closed {
		return nil
	}
	c.closed = true
	runtime.SetFinalizer(c, nil)
	status := C.pcgo_destroy(c.handle, c.state)
	var err error
	if status != C.PC_OK {
		err = c.error(status)
	}
	C.free(unsafe.Pointer(c.state))
	c.state = nil
	return err
}

// errClosed is what every call on a closed codec returns (its C state is freed, so it cannot reach the library).
var errClosed = &Error{Status: StatusInvalidHandle, Message: "the codec is closed"}

func (c *Codec) error(status C.int32_t) error {
	message := C.GoStringN(&c.state.error[0], C.int(c.state.error_length))
	return &Error{Status: Status(status), Message: message}
}

// Push gives the codec received bytes and returns how many it took: it buffers at most one largest frame, so pull
// with Next until it reports no event, then push the rest.
func (c *Codec) Push(data []byte) (int, error) {
	if c.state == nil {
		return 0, errClosed
	}
	var accepted C.size_t
	status := C.pcgo_feed(c.handle, bytesPointer(data), C.size_t(len(data)), &accepted, c.state)
	runtime.KeepAlive(data)
	if status != C.PC_OK {
		return 0, c.error(status)
	}
	return int(accepted), nil
}

// Next pulls the next event into view. It returns StatusOK (view filled), StatusNoEvent (push more) or
// StatusClosed (the server closed: send TakeOutgoing, then close the socket); an error for a skipped message
// (ErrJSON, ErrUnsupported: call again) or a failed connection (ErrProtocol). NextBatch does the same for many events
// per cgo call.
func (c *Codec) Next(view *EventView) (Status, error) {
	if c.state == nil {
		return StatusInvalidHandle, errClosed
	}
	status := C.pcgo_next(c.handle, c.state)
	if status != C.PC_OK {
		if status < 0 {
			return Status(status), c.error(status)
		}
		return Status(status), nil
	}
	fillView(view, &c.state.event)
	return StatusOK, nil
}

// BatchSize is the most events one NextBatch call fills.
const BatchSize = C.PCGO_BATCH

// NextBatch pulls up to len(views) events (at most BatchSize) in one cgo call and returns how many it filled. The
// status says why it stopped: StatusOK (the batch is full: call again), StatusNoEvent (push more) or StatusClosed.
// All views of a batch stay valid together, until the next Next, NextBatch, Push, Feed or Close. An error comes with
// no events: a message skipped after some events is reported by the next call, so those events are not lost; it is
// ErrJSON or ErrUnsupported (call again) or ErrProtocol (the connection failed), as for Next.
func (c *Codec) NextBatch(views []EventView) (int, Status, error) {
	if c.state == nil {
		return 0, StatusInvalidHandle, errClosed
	}
	if len(views) == 0 {
		return 0, StatusInvalidArgument, &Error{Status: StatusInvalidArgument, Message: "NextBatch needs at least one view"}
	}
	status := C.pcgo_next_batch(c.handle, C.size_t(len(views)), c.state)
	if status < 0 {
		return 0, Status(status), c.error(status)
	}
	n := int(c.state.batch_count)
	for i := range views[:n] {
		fillView(&views[i], &c.state.batch[i])
	}
	return n, Status(status), nil
}

// Feed pushes a chunk (any size, any chunking) and returns the events it completed, copied. A message with bad
// JSON or a binary message is skipped: the rest of the chunk is still decoded and the first such error is returned
// with the events. ErrProtocol means the connection failed (send TakeOutgoing and close the socket).
func (c *Codec) Feed(chunk []byte) ([]Event, error) {
	var events []Event
	var skipped error
	if c.views == nil {
		c.views = make([]EventView, BatchSize)
	}
	for {
		if len(chunk) > 0 {
			n, err := c.Push(chunk)
			if err != nil {
				return events, err
			}
			chunk = chunk[n:]
		}
		for {
			n, status, err := c.NextBatch(c.views)
			for i := range c.views[:n] {
				events = append(events, c.views[i].Copy())
			}
			if err != nil {
				if status == StatusJSON || status == StatusUnsupported {
					if skipped == nil {
						skipped = err
					}
					continue
				}
				return events, err
			}
			if status != StatusOK {
				if status == StatusClosed {
					return events, skipped
				}
				break
			}
		}
		if len(chunk) == 0 {
			return events, skipped
		}
	}
}

// EncodeCreate validates a response.create request (a JSON object with "type": "response.create") and returns the
// masked text frame to send (a copy). ErrJSON for anything else; ErrInvalidState once the connection closed.
func (c *Codec) EncodeCreate(request []byte) ([]byte, error) {
	if c.state == nil {
		return nil, errClosed
	}
	var frames *C.uint8_t
	var length C.size_t
	status := C.pcgo_encode_create(c.handle, bytesPointer(request), C.size_t(len(request)), &frames, &length, c.state)
	runtime.KeepAlive(request)
	if status != C.PC_OK {
		return nil, c.error(status)
	}
	return C.GoBytes(unsafe.Pointer(frames), C.int(length)), nil
}

// EncodeClose starts a clean close and returns the masked close frame to send (a copy); keep feeding until Feed or
// Next reports the server's reply (StatusClosed). ErrInvalidArgument for a code that cannot be sent or a reason over
// 123 bytes; ErrInvalidState if a close was already sent or received.
func (c *Codec) EncodeClose(code int, reason string) ([]byte, error) {
	if c.state == nil {
		return nil, errClosed
	}
	text := []byte(reason)
	var frames *C.uint8_t
	var length C.size_t
	status := C.pcgo_encode_close(c.handle, C.int32_t(code), bytesPointer(text), C.size_t(len(text)), &frames, &length, c.state)
	runtime.KeepAlive(text)
	if status != C.PC_OK {
		return nil, c.error(status)
	}
	return C.GoBytes(unsafe.Pointer(frames), C.int(length)), nil
}

// TakeOutgoing returns the pongs, close reply or close frame queued since the last call (a copy; empty if none).
func (c *Codec) TakeOutgoing() ([]byte, error) {
	if c.state == nil {
		return nil, errClosed
	}
	var bytes *C.uint8_t
	var length C.size_t
	if status := C.pcgo_take_outgoing(c.handle, &bytes, &length, c.state); status != C.PC_OK {
		return nil, c.error(status)
	}
	return C.GoBytes(unsafe.Pointer(bytes), C.int(length)), nil
}

// CloseInfo returns the server's close code (0 until it closed, 1005 if it sent none) and reason.
func (c *Codec) CloseInfo() (int, string, error) {
	if c.state == nil {
		return 0, "", errClosed
	}
	var code C.int32_t
	var reason *C.uint8_t
	var length C.size_t
	if status := C.pcgo_close_info(c.handle, &code, &reason, &length, c.state); status != C.PC_OK {
		return 0, "", c.error(status)
	}
	return int(code), string(view(reason, length)), nil
}
