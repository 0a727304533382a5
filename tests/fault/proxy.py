#!/usr/bin/env python3
"""Fault-injection HTTP proxy for the iam-harden integration tests.

Sits on loopback between the CLI and a local IAM server (moto) and, driven by
JSON rules, breaks selected AWS Query requests in controlled ways: canned
error answers, rewritten or truncated bodies, hangs, connection resets, lost
responses to writes and delays. Standard library only, so tests need nothing
beyond python3.

    python3 tests/fault/proxy.py --upstream http://127.0.0.1:PORT [--rules JSON]

Prints exactly one line, "listening PORT", then serves until killed.
Control endpoints (never forwarded):
    GET  /__fault/log    -> JSON list of {"action", "fault" (kind or null),
                            "key" (the signing access key id or null),
                            "agent" (the User-Agent header)}
    POST /__fault/rules  -> replace the rules (budgets restart) and clear the
                            log, answers {}
"""
import argparse
import http.client
import json
import os
import re
import select
import socket
import struct
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Hop-by-hop headers belong to one connection, not to the message. Host and
# Content-Length are recomputed by http.client; Expect is dropped because the
# body is sent at once; Accept-Encoding is dropped so upstream answers in
# plain text that the body-rewriting faults can edit.
REQUEST_DROP = {"connection", "keep-alive", "proxy-connection", "te", "trailer",
                "transfer-encoding", "upgrade", "host", "content-length",
                "expect", "accept-encoding"}
RESPONSE_DROP = {"connection", "keep-alive", "transfer-encoding",
                 "content-length", "trailer", "upgrade"}
LOCK = threading.Lock()  # guards RULES (their budgets) and LOG
RULES: list = []         # each rule is a dict plus a private "_seen" counter
LOG: list = []


def set_rules(rules):
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        raise ValueError("rules must be a JSON list of objects")
    with LOCK:
        RULES[:] = [dict(r, _seen=0) for r in rules]
        LOG.clear()


def pick_rule(action, key, agent=None):
    """Return the rule to apply to this request (or None) and log the choice.

    A rule with budget left claims the first request it matches: its first
    `skip` matches pass unchanged, the next `times` (default: unlimited) get
    the fault. Once exhausted it no longer matches, so later rules get a turn.
    """
    chosen = None
    with LOCK:
        for rule in RULES:
            if rule.get("action", "*") not in ("*", action):
                continue
            skip, times, seen = rule.get("skip", 0), rule.get("times"), rule["_seen"]
            if times is not None and seen >= skip + times:
                continue
            rule["_seen"] = seen + 1
            chosen = rule if seen >= skip else None
            break
        LOG.append({"action": action, "fault": chosen and chosen["fault"], "key": key,
                    "agent": agent})
    return chosen


# REST-JSON calls named by method and path (Security Hub): the API's own names.
REST_ACTIONS = {("POST", "/findings"): "GetFindings",
                ("POST", "/findings/import"): "BatchImportFindings"}


def json_action(headers, method, path):
    """The API name of a JSON protocol request: X-Amz-Target (Organizations) names it
    after a dot; REST-JSON calls are named by their route."""
    target = headers.get("X-Amz-Target")
    if target:
        return target.rsplit(".", 1)[-1]
    return REST_ACTIONS.get((method, path))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the AWS SDK expects
    upstream = None                # urllib.parse.SplitResult, set in main()

    def log_message(self, *args):  # stay quiet: stdout belongs to the tests
        pass

    def read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while size := int(self.rfile.readline().split(b";")[0], 16):
                chunks.append(self.rfile.read(size))
                self.rfile.readline()  # CRLF after each chunk
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass  # trailers
            return b"".join(chunks)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def reply(self, status, body, content_type="application/json", headers=()):
        """Send a complete response; upstream headers, if given, replace ours."""
        if headers:
            self.send_response_only(status)  # upstream already set Date/Server
            for name, value in headers:
                self.send_header(name, value)
        else:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def forward(self, body):
        """Replay the request upstream; return (status, headers, full body)."""
        if self.upstream is None:
            raise ConnectionRefusedError("no --upstream given")
        headers = {k: v for k, v in self.headers.items() if k.lower() not in REQUEST_DROP}
        conn = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=120)
        try:
            conn.request(self.command, self.path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            kept = [(k, v) for k, v in resp.getheaders() if k.lower() not in RESPONSE_DROP]
            return resp.status, kept, data
        finally:
            conn.close()

    def reset(self):
        """Abort the connection with an RST (linger 0) instead of a clean FIN."""
        self.close_connection = True
        sock = self.connection
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        # detach() makes the server's later shutdown()/close() no-ops, which
        # would otherwise send a FIN first or wait on rfile/wfile references.
        os.close(sock.detach())

    def hang(self, limit=600.0):
        """Never answer; return early once the client goes away."""
        self.close_connection = True
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            readable, _, _ = select.select([self.connection], [], [], 1.0)
            if readable:
                try:
                    if not self.connection.recv(1, socket.MSG_PEEK):
                        return  # EOF: client closed
                except OSError:
                    return
                time.sleep(1.0)  # pipelined bytes: keep ignoring them

    def handle_request(self):
        body = self.read_body()
        path = urllib.parse.urlsplit(self.path).path
        if path == "/__fault/log" and self.command == "GET":
            with LOCK:
                data = json.dumps(LOG).encode()
            return self.reply(200, data)
        if path == "/__fault/rules" and self.command == "POST":
            try:
                set_rules(json.loads(body or b"[]"))
            except ValueError as err:
                return self.reply(400, json.dumps({"error": str(err)}).encode())
            return self.reply(200, b"{}")

        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        form = form or urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        action = (form.get("Action") or [None])[0] or json_action(self.headers, self.command, path)
        # Which credentials signed the request: tests check the account the tool chose.
        signed = re.search(r"Credential=([^/,\s]+)/", self.headers.get("Authorization", ""))
        rule = pick_rule(action, signed and signed.group(1),
                         self.headers.get("User-Agent")) or {}
        kind = rule.get("fault")

        if kind == "status":
            return self.reply(int(rule["status"]), rule.get("body", "").encode(),
                              rule.get("content_type", "text/xml"))
        if kind == "cycle":
            # The n-th matching request gets bodies[n % len]: a server whose page
            # tokens go round in a circle.
            with LOCK:
                turn = rule["_seen"] - 1 - rule.get("skip", 0)
            body = rule["bodies"][turn % len(rule["bodies"])]
            return self.reply(200, body.encode(), rule.get("content_type", "application/json"))
        if kind == "hang":
            return self.hang()
        if kind == "reset":
            return self.reset()
        if kind == "delay":
            time.sleep(float(rule.get("seconds", 0)))

        try:
            status, headers, data = self.forward(body)
        except (OSError, http.client.HTTPException) as err:
            return self.reply(502, f"upstream error: {err}\n".encode(), "text/plain")

        if kind == "lose_response":
            return self.reset()  # upstream applied the write; the answer is lost
        if kind == "replace":
            text = data.decode("utf-8", "surrogateescape")
            text = re.sub(rule["pattern"], rule["with"], text, count=rule.get("count") or 0)
            data = text.encode("utf-8", "surrogateescape")
        elif kind == "truncate_before":
            cut = data.find(rule["marker"].encode())
            data = data if cut < 0 else data[:cut]
        elif kind == "truncate_bytes":
            data = data[:int(rule["bytes"])]
        self.reply(status, data, headers=headers)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = handle_request


class Server(ThreadingHTTPServer):
    daemon_threads = True  # a hung connection must not keep the process alive

    def handle_error(self, request, client_address):
        # Clients vanishing mid-answer (timeouts, resets) are routine here.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", help="e.g. http://127.0.0.1:5000")
    parser.add_argument("--rules", default="[]", help="JSON list of fault rules")
    args = parser.parse_args()
    if args.upstream:
        Handler.upstream = urllib.parse.urlsplit(args.upstream)
    set_rules(json.loads(args.rules))
    server = Server(("127.0.0.1", 0), Handler)
    print(f"listening {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
