"""Loads libprotocolcore with ctypes and declares the C ABI of include/protocolcore.h (MIRRORS that header)."""

from __future__ import annotations

import ctypes
import os
import struct
import sys
import threading
from pathlib import Path
from typing import Protocol, TypeVar, cast

from .errors import LibraryLoadError, error_for

ABI_MAJOR = 1
ABI_MINOR = 4  # 1.2: pc_session_cancel; 1.3: pc_session_turn_info; 1.4: pc_session_ready_fd

PC_OK = 0
PC_NO_EVENT = 1
PC_CLOSED = 2
PC_TURN_DONE = 3
PC_E_CANCELLED = -12

_u8p = ctypes.POINTER(ctypes.c_uint8)

class _Memory(Protocol):
    def __getitem__(self, key: slice) -> bytes: ...


#: The process's address space as one char array: ``memory[address:address + length]`` copies those bytes, as
#: ctypes.string_at does but without a foreign-function call (about 4x cheaper per string). Reading through it is
#: as safe as string_at: only the library memory the ABI hands out, while it is valid.
memory: _Memory = cast(_Memory, (ctypes.c_char * sys.maxsize).from_address(0))


class PcEvent(ctypes.Structure):
    """pc_event (LP64 layout)."""

    _fields_ = [
        ("size", ctypes.c_uint32),
        ("kind", ctypes.c_int32),
        ("sequence_number", ctypes.c_int64),
        ("output_index", ctypes.c_int32),
        ("content_index", ctypes.c_int32),
        ("type", ctypes.c_void_p),
        ("type_length", ctypes.c_size_t),
        ("item_id", ctypes.c_void_p),
        ("item_id_length", ctypes.c_size_t),
        ("delta", ctypes.c_void_p),
        ("delta_length", ctypes.c_size_t),
        ("raw_json", ctypes.c_void_p),
        ("raw_json_length", ctypes.c_size_t),
    ]


class PcTurnInfo(ctypes.Structure):
    """pc_turn_info (ABI 1.3, LP64 layout)."""

    _fields_ = [
        ("size", ctypes.c_uint32),
        ("done", ctypes.c_int32),
        ("status", ctypes.c_int32),
        ("full_context", ctypes.c_int32),
        ("mode", ctypes.c_int32),
        ("retries", ctypes.c_int32),
        ("connects", ctypes.c_int32),
        ("reconnects", ctypes.c_int32),
        ("events", ctypes.c_int64),
        ("bytes_sent", ctypes.c_int64),
        ("bytes_received", ctypes.c_int64),
        ("input_tokens", ctypes.c_int64),
        ("cached_tokens", ctypes.c_int64),
        ("output_tokens", ctypes.c_int64),
        ("reasoning_tokens", ctypes.c_int64),
        ("total_tokens", ctypes.c_int64),
        ("response_id", ctypes.c_void_p),
        ("response_id_length", ctypes.c_size_t),
    ]


# pc_event as raw bytes (LP64): size, kind, sequence_number, output_index, content_index, then 4 (pointer, size_t).
# One unpack reads a whole event; each ctypes field read would cost about as much as the unpack.
EVENT_LAYOUT = struct.Struct("=IiqiiQQQQQQQQ")
if EVENT_LAYOUT.size != ctypes.sizeof(PcEvent):
    raise ImportError("pc_event layout mismatch: protocolcore supports LP64 platforms only")

_Self = TypeVar("_Self", bound="NativeHandle")

_lock = threading.Lock()
_lib: ctypes.CDLL | None = None


def library_path() -> Path:
    """PROTOCOLCORE_LIB if set, else libprotocolcore.so next to this package."""
    configured = os.environ.get("PROTOCOLCORE_LIB")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent / "libprotocolcore.so"


def lib() -> ctypes.CDLL:
    """The loaded library (loaded once, thread-safely; the library cannot be unloaded)."""
    global _lib
    if _lib is not None:
        return _lib
    with _lock:
        if _lib is None:
            _lib = _load(library_path())
    return _lib


def _load(path: Path) -> ctypes.CDLL:
    if not path.is_file():
        raise LibraryLoadError(f"libprotocolcore not found at {path} (set PROTOCOLCORE_LIB)")
    try:
        dll = ctypes.CDLL(str(path))
    except OSError as e:
        raise LibraryLoadError(f"cannot load {path}: {e}") from e

    dll.pc_abi_version.argtypes = []
    dll.pc_abi_version.restype = ctypes.c_uint32
    version = dll.pc_abi_version()
    major, minor = version >> 16, version & 0xFFFF
    if major != ABI_MAJOR or minor < ABI_MINOR:
        raise LibraryLoadError(
            f"{path} implements ABI {major}.{minor}; this binding needs {ABI_MAJOR}.x with x >= {ABI_MINOR}")

    i32 = ctypes.c_int32
    size_p = ctypes.POINTER(ctypes.c_size_t)
    handle = ctypes.c_void_p
    signatures = {
        "pc_last_error_message": [ctypes.POINTER(ctypes.c_void_p), size_p],
        "pc_debug_live_handles": [ctypes.POINTER(ctypes.c_int64)],
        "pc_codec_create": [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(handle)],
        "pc_codec_destroy": [handle],
        "pc_codec_feed": [handle, ctypes.c_void_p, ctypes.c_size_t, size_p],
        "pc_codec_next_event": [handle, ctypes.POINTER(PcEvent)],
        "pc_codec_next_events": [handle, ctypes.c_void_p, ctypes.c_size_t, size_p],
        "pc_codec_encode_create": [handle, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p), size_p],
        "pc_codec_encode_close": [handle, i32, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p), size_p],
        "pc_codec_take_outgoing": [handle, ctypes.POINTER(ctypes.c_void_p), size_p],
        "pc_codec_close_info": [handle, ctypes.POINTER(i32), ctypes.POINTER(ctypes.c_void_p), size_p],
        "pc_session_open": [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                            ctypes.c_size_t, ctypes.POINTER(handle)],
        "pc_session_send": [handle, ctypes.c_char_p, ctypes.c_size_t],
        "pc_session_next_event": [handle, i32, ctypes.POINTER(PcEvent)],
        "pc_session_close": [handle],
        "pc_session_destroy": [handle],
        "pc_session_cancel": [handle],
        "pc_session_turn_info": [handle, ctypes.POINTER(PcTurnInfo)],
        "pc_session_ready_fd": [handle, ctypes.POINTER(i32)],
    }
    for name, argtypes in signatures.items():
        function = getattr(dll, name)
        function.argtypes = argtypes
        function.restype = i32
    return dll


def last_error() -> str:
    """The calling thread's last error message (ctypes calls stay on the calling thread)."""
    pointer = ctypes.c_void_p()
    length = ctypes.c_size_t()
    if lib().pc_last_error_message(ctypes.byref(pointer), ctypes.byref(length)) != PC_OK or not pointer.value:
        return ""
    return bytes_at(pointer.value, length.value).decode("utf-8", "replace")


def bytes_at(pointer: int | None, length: int) -> bytes:
    """A copy of library memory (b"" for NULL or length 0)."""
    return memory[pointer:pointer + length] if pointer and length else b""


def check(status: int) -> int:
    """Raises the typed error for a negative status; returns the others."""
    if status < 0:
        raise error_for(status, last_error())
    return status


def live_handles() -> int:
    """Live native handles of every kind in this process (for leak checks)."""
    count = ctypes.c_int64()
    check(lib().pc_debug_live_handles(ctypes.byref(count)))
    return count.value


class NativeHandle:
    """Context-manager and finaliser plumbing shared by the classes that own a native handle: they define close()."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self: _Self) -> _Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass
