//go:build protocolcore_origin

package protocolcore

// With -tags protocolcore_origin the program also looks for libprotocolcore.so in its own directory ($ORIGIN), so
// the library can ship beside the binary. It adds to the other flags: the linker still needs the library's
// location at build time (CGO_LDFLAGS or pkg-config).

// #cgo LDFLAGS: -Wl,-rpath,$ORIGIN
import "C"
