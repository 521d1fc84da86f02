//go:build !protocolcore_pkgconfig

package protocolcore

// The library is found by the linker: give its directory in CGO_LDFLAGS (-L/path -Wl,-rpath,/path), or install it
// where the linker and the loader look (/usr/local/lib and ldconfig). Build with -tags protocolcore_pkgconfig to
// take the flags from pkg-config instead (link_pkgconfig.go).

// #cgo LDFLAGS: -lprotocolcore
import "C"
