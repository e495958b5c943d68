"""A small local HTTP server for provider fakes whose SDKs do not use ``requests`` (xero-python
talks through urllib3, which ``responses`` cannot see). Routes call the same kind of callback as
``responses``: ``callback(request) -> (status, headers, body)``; raising ``DropConnection``
closes the socket without an answer (the provider did the work, the client never heard)."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class DropConnection(Exception):
    pass


@dataclass
class Request:
    method: str
    url: str
    headers: dict[str, str]
    body: str


Callback = Callable[[Request], tuple[int, dict[str, str], str]]


class LocalServer:
    def __init__(self) -> None:
        self.routes: list[tuple[str, re.Pattern[str], Callback]] = []
        self.url = ""

    def add(self, method: str, pattern: str, callback: Callback) -> None:
        self.routes.append((method, re.compile(pattern), callback))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                return

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                request = Request(self.command, server.url + self.path, dict(self.headers.items()), body)
                for method, pattern, callback in server.routes:
                    if method == self.command and pattern.search(self.path):
                        try:
                            status, headers, text = callback(request)
                        except DropConnection:
                            self.close_connection = True
                            self.connection.shutdown(2)
                            return
                        break
                else:
                    status, headers, text = 404, {"Content-Type": "application/json"}, '{"Message": "no route"}'
                data = text.encode()
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_PATCH = _serve  # noqa: N815

        return Handler

    @contextmanager
    def running(self) -> Iterator[LocalServer]:
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{httpd.server_address[1]}"
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            httpd.shutdown()
            httpd.server_close()
