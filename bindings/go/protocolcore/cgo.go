// Package protocolcore embeds libprotocolcore, the OpenAI Responses API WebSocket-mode core, through its C ABI
// (protocolcore.h, copied into this package).
//
// Sessions: OpenSession opens a conversation whose I/O the library does on its own threads; Send starts a turn and
// Next or NextView pull its events until io.EOF, or RunTurn does both and returns a TurnResult (function calls,
// response id, usage, text); ToolLoop runs the agent loop. Every blocking call takes a context.Context: a done ctx
// returns ctx.Err() (context.DeadlineExceeded for a deadline). Errors are *Error values matched with errors.Is
// against ErrInterrupted, ErrAPI, ErrConnection, ErrJSON and the other sentinels. Codec is the sans-IO WebSocket
// codec for callers who own the socket.
//
// Linking: the package names no directory. Give the linker the library's, either through the environment,
//
//	CGO_LDFLAGS="-L/opt/protocolcore -Wl,-rpath,/opt/protocolcore" go build
//
// or through pkg-config, with protocolcore.pc made from the module's protocolcore.pc.in:
//
//	PKG_CONFIG_PATH=/opt/protocolcore go build -tags protocolcore_pkgconfig
//
// Add -tags protocolcore_origin to look for libprotocolcore.so beside the program ($ORIGIN) when shipping it there.
//
// Memory: no Go pointer is ever kept by C. Go memory is passed only for the duration of a call, and the state the
// library writes into (events, error messages) lives in C memory owned by each Codec or Session.
package protocolcore

/*
#include "pcgo.h"
*/
import "C"

import (
	"fmt"
	"sync"
	"unsafe"
)

// ABI version this binding was written for; the library's must have the same major and at least this minor.
const (
	ABIMajor = 1
	ABIMinor = 4 // 1.2: pc_session_cancel; 1.3: pc_session_turn_info; 1.4: pc_session_ready_fd (not used: Next blocks in cgo)
)

var abiCheck struct {
	once sync.Once
	err  error
}

// CheckABI verifies the linked library implements a compatible ABI (NewCodec and OpenSession call it once).
func CheckABI() error {
	abiCheck.once.Do(func() {
		version := uint32(C.pc_abi_version())
		major, minor := version>>16, version&0xFFFF
		if major != ABIMajor || minor < ABIMinor {
			abiCheck.err = fmt.Errorf("protocolcore: library implements ABI %d.%d; this binding needs %d.x with x >= %d",
				major, minor, ABIMajor, ABIMinor)
		}
	})
	return abiCheck.err
}

// LiveHandles is the number of live library handles (for leak checks).
func LiveHandles() (int64, error) {
	var count C.int64_t
	if status := C.pcgo_live_handles(&count); status != C.PC_OK {
		return 0, &Error{Status: Status(status), Message: "pc_debug_live_handles failed"}
	}
	return int64(count), nil
}

func bytesPointer(b []byte) *C.uint8_t {
	if len(b) == 0 {
		return nil
	}
	return (*C.uint8_t)(unsafe.Pointer(&b[0]))
}

// maxView bounds the lengths view slices: above any the library hands out (its lengths are int32).
const maxView = 1 << 31

// view is a slice over library memory (non-nil, possibly empty, for a non-null pointer); valid only as long as the
// library says. Slicing an array pointer costs one bounds check per call; unsafe.Slice (Go 1.19) checks sign and
// overflow every time, a quarter of fillView.
func view(p *C.uint8_t, n C.size_t) []byte {
	if p == nil {
		return nil
	}
	return (*[maxView]byte)(unsafe.Pointer(p))[:n:n]
}
