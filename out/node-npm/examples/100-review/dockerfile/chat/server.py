"""The second app of the repository: a websocket chat.

Every message a client sends goes to every client connected to this process.
"""
import asyncio
import http
import logging
import os
import signal
import sys

import websockets

logging.basicConfig(stream=sys.stdout, level="INFO", format="%(asctime)s %(levelname)s %(name)s: %(message)s")
log = logging.getLogger("chat")

PATH = "/chat"
CLIENTS = set()


async def health(path, request_headers):
    """Plain HTTP answers only the readiness probe; the chat itself is a websocket at PATH."""
    if path == "/healthz":
        return http.HTTPStatus.OK, [("Content-Type", "text/plain")], b"ok\n"
    # The Ingress passes PATH on unchanged, so the server takes websockets on that very path.
    if path != PATH:
        return http.HTTPStatus.NOT_FOUND, [], b""
    return None


async def chat(websocket):
    CLIENTS.add(websocket)
    try:
        async for message in websocket:
            websockets.broadcast(CLIENTS, message)
    finally:
        CLIENTS.discard(websocket)


async def main():
    port = int(os.environ.get("PORT", "8090"))
    host = os.environ.get("HOST", "0.0.0.0")
    # Kubernetes stops a Pod with SIGTERM: close the connections and exit.
    stop = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set_result, None)
    async with websockets.serve(chat, host, port, process_request=health):
        log.info("listening on port %d", port)
        await stop


if __name__ == "__main__":
    asyncio.run(main())
