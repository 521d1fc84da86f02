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
	ABIMinor = 1
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

// view is a slice over library memory; valid only as long as the library says.
func view(p *C.uint8_t, n C.size_t) []byte {
	if p == nil {
		return nil
	}
	if n == 0 {
		return []byte{}
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(p)), int(n))
}
