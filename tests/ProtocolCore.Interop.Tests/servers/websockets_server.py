"""A WebSocket server on Python's websockets package (Debian's python3-websockets) for the interop tests.

Prints "PORT <n>" once listening on 127.0.0.1, and exits when its standard input closes (the test process went
away) or after 120 s, whichever comes first. Usage: python3 websockets_server.py [--deflate]
"""
import asyncio
import http
import sys

import websockets

DEFLATE = "--deflate" in sys.argv[1:]


async def process_request(path, request_headers):
    if path.startswith("/reject426"):
        return http.HTTPStatus.UPGRADE_REQUIRED, [("Content-Type", "text/plain")], b"use HTTP mode: websocket upgrades are refused here\n"
    return None


async def handler(ws, path):
    if path == "/echo":
        async for message in ws:
            await ws.send(message)
    elif path == "/fragments":
        async def fragments():
            for i, part in enumerate(["frag", "mented ", "\u00fc", "ber python"]):
                yield part
                if i < 3:
                    await ws.ping(f"p{i}".encode())

        await ws.send(fragments())
        await ws.send("done")
        await ws.wait_closed()
    elif path.startswith("/close"):
        await ws.close(code=4002, reason="python says bye")
    else:
        await ws.close(code=4404, reason="unknown path")


async def main():
    compression = "deflate" if DEFLATE else None
    async with websockets.serve(handler, "127.0.0.1", 0, compression=compression, max_size=None,
                                process_request=process_request, ping_interval=None) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"PORT {port}", flush=True)
        loop = asyncio.get_running_loop()
        stdin_closed = loop.run_in_executor(None, sys.stdin.read)
        await asyncio.wait([stdin_closed], timeout=120)
    # The executor thread may still block on stdin; leave without waiting for it.
    sys.stdout.flush()


if __name__ == "__main__":
    asyncio.run(main())
    import os
    os._exit(0)
