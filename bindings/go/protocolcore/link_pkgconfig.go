//go:build protocolcore_pkgconfig

package protocolcore

// With -tags protocolcore_pkgconfig the compiler and linker flags come from `pkg-config protocolcore`: point
// PKG_CONFIG_PATH at the directory of protocolcore.pc (made from the module's protocolcore.pc.in).

// #cgo pkg-config: protocolcore
import "C"
