"""A real Switchboard server process and a small HTTP client for the end-to-end tests."""
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("SWITCHBOARD_BINARY", os.path.join(ROOT, ".build", "debug", "switchboard"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_sip_port():
    """A port free for both TCP and UDP (SIP listens on both)."""
    while True:
        port = free_port()
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            try:
                udp.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue


class Response:
    def __init__(self, status, body):
        self.status = status
        self.body = body

    def __getitem__(self, key):
        return self.body[key]

    @property
    def error_code(self):
        return (self.body or {}).get("error", {}).get("code")


class ServerProcess:
    """`switchboard serve --demo` on a free port with its own data folder."""

    def __init__(self, data_dir, port=None, extra_args=(), log_level="warning"):
        self.data_dir = data_dir
        self.extra_args = list(extra_args)
        self.log_level = log_level
        self.port = port or free_port()
        # The demo serves SIP too: on a free port, so that servers of several tests never meet.
        self.sip_port = free_sip_port()
        self.process = None
        self.log = open(os.path.join(data_dir, "server.log"), "ab")

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=60):
        self.process = subprocess.Popen(
            [BINARY, "serve", "--demo", "--port", str(self.port), "--sip-port", str(self.sip_port), "--data-dir",
             self.data_dir, "--log-level", self.log_level, *self.extra_args],
            stdout=self.log, stderr=self.log)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}; see {self.log.name}")
            try:
                if self.request("GET", "/healthz").status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("server did not become healthy")

    def kill(self):
        """SIGKILL: no shutdown, no last snapshot."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def request(self, method, path, body=None, token=None, headers=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                raw = response.read()
                return Response(response.status, json.loads(raw) if raw else None)
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                return Response(error.code, json.loads(raw) if raw else None)
            except json.JSONDecodeError:
                return Response(error.code, {"raw": raw.decode(errors="replace")})

    def ok(self, method, path, body=None, token=None, headers=None):
        response = self.request(method, path, body, token, headers)
        assert 200 <= response.status < 300, f"{method} {path}: {response.status} {response.body}"
        return response

    def login(self, username, password=None):
        password = password or ("password" if username.startswith("agent") else username)
        return self.ok("POST", "/v1/auth/login", {"tenant": "demo", "username": username, "password": password})["token"]

    def ready_agent(self, number):
        token = self.login(f"agent{number}")
        self.ok("POST", "/v1/me/station-login", {"teamId": "support-team", "dialNumber": f"100{number}"}, token)
        self.ok("PUT", "/v1/me/state", {"state": "Available"}, token)
        return token

    def events(self, token, since=0):
        collected = []
        while True:
            page = self.ok("GET", f"/v1/events?since={since}", token=token)
            collected += page["events"]
            if not page["hasMore"]:
                return collected
            since = page["events"][-1]["seq"]
