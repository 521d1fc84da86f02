"""Shared test helpers: paths, server frames, reading the codec's (masked) client frames."""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

BINDING_ROOT = Path(__file__).resolve().parents[1]
REPO_ROOT = BINDING_ROOT.parents[1]

#: PROTOCOLCORE_TEST_INSTALLED=1 (CI): test the installed wheel, i.e. the protocolcore on sys.path with the library it
#: bundles; run from a directory other than bindings/python so that the sources are not importable.
INSTALLED = os.environ.get("PROTOCOLCORE_TEST_INSTALLED") == "1"
if not INSTALLED:
    # From the sources: against the library eng/native-tests.sh publishes.
    os.environ.setdefault("PROTOCOLCORE_LIB", str(REPO_ROOT / "artifacts" / "native" / "libprotocolcore.so"))
    if str(BINDING_ROOT) not in sys.path:
        sys.path.insert(0, str(BINDING_ROOT))

TEXT, BINARY, CLOSE, PING, PONG, CONTINUATION = 0x1, 0x2, 0x8, 0x9, 0xA, 0x0


def fixtures_dir() -> Path:
    """<repo>/../shared/fixtures (or PROTOCOLCORE_FIXTURES); missing fixtures fail the run, never skip it."""
    configured = os.environ.get("PROTOCOLCORE_FIXTURES")
    path = Path(configured) if configured else REPO_ROOT.parent / "shared" / "fixtures"
    if not path.is_dir():
        raise FileNotFoundError(f"fixtures not found at {path}; set PROTOCOLCORE_FIXTURES")
    return path


def fixture_files() -> list[Path]:
    files = sorted(fixtures_dir().rglob("*.jsonl"))
    if not files:
        raise FileNotFoundError(f"no *.jsonl fixtures under {fixtures_dir()}")
    return files


def fixture_messages(path: Path) -> list[bytes]:
    """Every non-blank line of a JSONL fixture: one server message each."""
    return [line for line in path.read_bytes().split(b"\n") if line.strip()]


def frame(opcode: int, payload: bytes, fin: bool = True, mask: bytes | None = None) -> bytes:
    """A frame built by hand (unmasked, as a server sends), independent of the library's writer."""
    head = bytes([(0x80 if fin else 0) | opcode])
    mask_bit = 0x80 if mask else 0
    n = len(payload)
    if n < 126:
        head += bytes([mask_bit | n])
    elif n < 65536:
        head += bytes([mask_bit | 126]) + struct.pack(">H", n)
    else:
        head += bytes([mask_bit | 127]) + struct.pack(">Q", n)
    if mask:
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        head += mask
    return head + payload


def text(message: bytes | str) -> bytes:
    return frame(TEXT, message.encode() if isinstance(message, str) else message)


def client_frames(data: bytes) -> list[tuple[int, bytes]]:
    """Parses what the codec wrote as a server would: every frame must be masked; returns (opcode, payload)."""
    frames = []
    i = 0
    while i < len(data):
        b0, b1 = data[i], data[i + 1]
        assert b1 & 0x80, "client frames must be masked"
        n = b1 & 0x7F
        i += 2
        if n == 126:
            n = struct.unpack(">H", data[i:i + 2])[0]
            i += 2
        elif n == 127:
            n = struct.unpack(">Q", data[i:i + 8])[0]
            i += 8
        key = data[i:i + 4]
        i += 4
        payload = bytes(b ^ key[j % 4] for j, b in enumerate(data[i:i + n]))
        assert len(payload) == n, "truncated frame"
        i += n
        frames.append((b0 & 0x0F, payload))
    return frames


class ServerProcess:
    """A server subprocess on 127.0.0.1 that prints ``Base URL: ...`` once it listens: its base URL parsed from that
    line, stopped by ``stop`` (stdin closed first when ``stop_on_stdin_close``, then SIGTERM, then SIGKILL). Every wait
    is bounded."""

    def __init__(self, argv: list[str], name: str, stop_on_stdin_close: bool = False,
                 start_timeout: float = 60.0) -> None:
        import select
        import subprocess
        import time

        self.stop_on_stdin_close = stop_on_stdin_close
        self.process = subprocess.Popen(
            argv, stdin=subprocess.PIPE if stop_on_stdin_close else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.base_url = ""
        printed = b""
        deadline = time.monotonic() + start_timeout
        # Raw reads, not readline: a buffered file would hold lines that select() no longer reports.
        fd = self.process.stdout.fileno()
        try:
            while not self.base_url:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.process.poll() is not None:
                    raise RuntimeError(f"{name} did not print its base URL: {printed!r}")
                ready, _, _ = select.select([fd], [], [], remaining)
                if ready:
                    chunk = os.read(fd, 4096)
                    if not chunk:
                        continue
                    printed += chunk
                    for line in printed.split(b"\n")[:-1]:
                        if line.startswith(b"Base URL:"):
                            self.base_url = line.split(b":", 1)[1].strip().decode()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        import subprocess

        if self.process.poll() is None:
            if self.stop_on_stdin_close:
                self.process.stdin.close()
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass
            if self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(timeout=10)
        self.process.stdout.close()


class EmulatorProcess(ServerProcess):
    """``protocolcore serve --port 0 --zero-cost`` on 127.0.0.1 as a subprocess (see ``ServerProcess``)."""

    def __init__(self, *extra_args: str, start_timeout: float = 60.0) -> None:
        super().__init__([str(REPO_ROOT / "protocolcore"), "serve", "--port", "0", "--zero-cost", *extra_args],
                         "protocolcore serve", start_timeout=start_timeout)


def free_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PayloadCountingRelay:
    """A TCP relay on 127.0.0.1 in front of a WebSocket server that counts, in each direction, the payload bytes of
    the data frames (text, binary, continuation) after the HTTP upgrade, from the bytes themselves: what the library
    reports as sent and received, measured without it. Headers, masking keys and control frames are left out. Bytes
    are counted before they are forwarded, so once the other side has them they are in the counts.

    ``url(base_url)`` is ``base_url`` with the relay's port; ``sent``/``received`` are the running totals."""

    def __init__(self, upstream_base_url: str) -> None:
        import socket
        import threading
        from urllib.parse import urlsplit

        self._upstream = urlsplit(upstream_base_url)
        self._lock = threading.Lock()
        self.sent = 0
        self.received = 0
        self.connections = 0
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen()
        self.port = self._listener.getsockname()[1]
        self._sockets: list[socket.socket] = []
        self._closed = False
        threading.Thread(target=self._accept, daemon=True, name="relay-accept").start()

    def url(self) -> str:
        return self._upstream._replace(netloc=f"127.0.0.1:{self.port}").geturl()

    def close(self) -> None:
        self._closed = True
        for s in [self._listener, *self._sockets]:
            try:
                s.close()
            except OSError:
                pass

    def _accept(self) -> None:
        import socket
        import threading

        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection((self._upstream.hostname, self._upstream.port))
            self._sockets += [client, upstream]
            with self._lock:
                self.connections += 1
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: object, target: object, from_client: bool) -> None:
        import socket

        assert isinstance(source, socket.socket) and isinstance(target, socket.socket)
        counter = _FrameCounter()
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                counted = counter.feed(data)
                with self._lock:
                    if from_client:
                        self.sent += counted
                    else:
                        self.received += counted
                target.sendall(data)
        except OSError:
            pass
        for s in (source, target):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class _FrameCounter:
    """One direction of the relay: skips the HTTP head, then walks the frame headers (RFC 6455 section 5.2)."""

    def __init__(self) -> None:
        self._head = b""
        self._upgraded = False
        self._pending = b""
        self._remaining = 0
        self._data = False

    def feed(self, data: bytes) -> int:
        counted = 0
        if not self._upgraded:
            self._head += data
            end = self._head.find(b"\r\n\r\n")
            if end < 0:
                return 0
            self._upgraded = True
            data = self._head[end + 4:]
        while data:
            if self._remaining:
                take = min(self._remaining, len(data))
                if self._data:
                    counted += take
                self._remaining -= take
                data = data[take:]
                continue
            self._pending += data
            data = b""
            header = self._pending
            if len(header) < 2:
                break
            code = header[1] & 0x7F
            extended = 2 if code == 126 else 8 if code == 127 else 0
            size = 2 + extended + (4 if header[1] & 0x80 else 0)
            if len(header) < size:
                break
            length = int.from_bytes(header[2:2 + extended], "big") if extended else code
            self._data = header[0] & 0x0F in (CONTINUATION, TEXT, BINARY)
            self._remaining = length
            data = header[size:]
            self._pending = b""
        return counted
