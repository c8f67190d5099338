"""A live server whose stop is clean: no request thread outlives it.

Django's threaded test server runs each connection in a daemon thread that it never
waits for. A browser keeps its connections open (keep-alive), so those threads were
still blocked on their sockets when pytest-django stopped the server and ended the
sharing of the in-memory SQLite connection with them; when the browser closed its
sockets later, each thread closed "its" connection (`close_request` →
`connections.close_all()`) from a thread that no longer shared it, and printed
"DatabaseWrapper objects created in a thread can only be used in that same thread".
On PostgreSQL the same threads held their own connections open past the server's stop.

Here the server keeps its request threads and their sockets; stopping it shuts the
sockets (a thread blocked on a keep-alive read sees the end of the stream), then waits
for every thread to finish (each closes its connections while the sharing still holds),
and only then ends the sharing.
"""

import socket
import threading
from typing import Any

from django.core.servers.basehttp import ThreadedWSGIServer
from pytest_django.live_server_helper import LiveServer

# A request still being answered when the server stops gets this long to finish.
JOIN_SECONDS = 10.0


class TrackedWSGIServer(ThreadedWSGIServer):
    """Django's threaded server that knows its open connections and their threads."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lock = threading.Lock()
        self._open: dict[threading.Thread, socket.socket] = {}

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(target=self._serve, args=(request, client_address), daemon=True)
        with self._lock:
            self._open[thread] = request
        thread.start()

    def _serve(self, request: Any, client_address: Any) -> None:
        try:
            self.process_request_thread(request, client_address)
        finally:
            with self._lock:
                self._open.pop(threading.current_thread(), None)

    def request_threads(self) -> list[threading.Thread]:
        with self._lock:
            return list(self._open)

    def server_close(self) -> None:
        super().server_close()
        with self._lock:
            open_now = dict(self._open)
        for request in open_now.values():
            try:
                request.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed by the client
        for thread in open_now:
            thread.join(JOIN_SECONDS)


class CleanLiveServer(LiveServer):
    """pytest-django's live server on `TrackedWSGIServer`: `stop()` returns once no
    request thread is left, before the shared connections stop being shared."""

    def __init__(self, addr: str) -> None:
        super().__init__(addr, start=False)
        self.thread.server_class = TrackedWSGIServer  # type: ignore[attr-defined]
        self.start()

    def request_threads(self) -> list[threading.Thread]:
        httpd = getattr(self.thread, "httpd", None)
        return httpd.request_threads() if isinstance(httpd, TrackedWSGIServer) else []
