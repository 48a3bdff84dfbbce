"""Real SIP peers from Debian's packages for the end-to-end tests: baresip as an agent's phone
(headless, its audio a generated tone, what it hears written to a file) and sipp running the
scenarios in tests/sip."""
import json
import math
import os
import signal
import socket
import struct
import subprocess
import time
import wave

from switchboard_client import ROOT, free_sip_port

SCENARIOS = os.path.join(ROOT, "tests", "sip")


class Baresip:
    """A baresip softphone registered as `user` with `password` at the server's SIP port, sending
    a `tone` (Hz); `customer()` makes one that registers nowhere and dials when told."""

    def __init__(self, workdir, user, server_port, password="password", register_seconds=600, auto_answer=False,
                 tone=440, account=None):
        self.dir = os.path.join(workdir, f"baresip-{user}")
        os.makedirs(self.dir, exist_ok=True)
        self.user = user
        self.server_port = server_port
        self.port = free_sip_port()
        # ctrl_tcp takes commands (dial, hangup); baresip's TLS listens on the SIP port + 1.
        self.control_port = free_sip_port()
        while self.control_port in (self.port, self.port + 1):
            self.control_port = free_sip_port()
        source = os.path.join(self.dir, "tone.wav")
        write_tone(source, tone, seconds=60)
        with open(os.path.join(self.dir, "config"), "w") as config:
            config.write("\n".join([
                f"sip_listen 127.0.0.1:{self.port}",
                # baresip 1.0 plays to no file; sndfile dumps what the phone hears (…-dec.wav).
                f"audio_player aufile,{os.path.join(self.dir, 'unused.wav')}",
                f"audio_source aufile,{source}",
                f"snd_path {self.dir}",
                f"ctrl_tcp_listen 127.0.0.1:{self.control_port}",
                "module_path /usr/lib/baresip/modules",
                "module g711.so", "module aufile.so", "module sndfile.so", "module account.so", "module menu.so",
                "module ctrl_tcp.so", "",
            ]))
        answer = ";answermode=auto" if auto_answer else ""
        with open(os.path.join(self.dir, "accounts"), "w") as accounts:
            accounts.write((account or f"<sip:{user}@127.0.0.1:{server_port};transport=udp>;auth_pass={password};"
                            f"regint={register_seconds}{answer}") + "\n")
        self.log_path = os.path.join(self.dir, "baresip.log")
        self.process = None

    @classmethod
    def customer(cls, workdir, server_port, number="+4512345678", tone=1000):
        """A customer's phone behind the demo's trunk peer (loopback): no registration."""
        return cls(workdir, number, server_port, tone=tone, account=f"<sip:{number}@127.0.0.1>;regint=0")

    def command(self, name, params=""):
        """Runs a baresip command over ctrl_tcp (netstring JSON) and answers its response."""
        message = json.dumps({"command": name, "params": params, "token": name}).encode()
        deadline = time.time() + 5
        while True:
            try:
                connection = socket.create_connection(("127.0.0.1", self.control_port), timeout=5)
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.1)
        with connection:
            connection.sendall(str(len(message)).encode() + b":" + message + b",")
            received = b""
            while True:
                chunk = connection.recv(4096)
                if not chunk:
                    raise AssertionError(f"baresip closed the control connection: {received!r}")
                received += chunk
                for reply in _netstrings(received):
                    if reply.get("response"):
                        return reply

    def dial(self, number):
        return self.command("dial", f"sip:{number}@127.0.0.1:{self.server_port}")

    def hang_up(self):
        return self.command("hangup")

    def start(self):
        self.log = open(self.log_path, "ab")
        self.process = subprocess.Popen(["baresip", "-f", self.dir], stdin=subprocess.DEVNULL, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        return self

    def heard(self):
        """The samples of what the phone heard on its last call (16-bit, 8 kHz, mono), from
        sndfile's dump; read while the call goes on too (the header's sizes are not final yet)."""
        dumps = sorted(name for name in os.listdir(self.dir) if name.endswith("-dec.wav"))
        if not dumps:
            return []
        with open(os.path.join(self.dir, dumps[-1]), "rb") as dump:
            data = dump.read()
        start = data.find(b"data")
        if start < 0:
            return []
        samples = data[start + 8:]
        return list(struct.unpack(f"<{len(samples) // 2}h", samples[:len(samples) // 2 * 2]))

    def hears(self, seconds=1.5, settle=0.6):
        """What the phone hears over the next `seconds`, after `settle` for what was on its way."""
        time.sleep(settle)
        start = len(self.heard())
        time.sleep(seconds)
        return self.heard()[start:]

    def output(self):
        with open(self.log_path, errors="replace") as log:
            return log.read()

    def stop(self):
        """SIGTERM: baresip unregisters before it exits."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def signed_in_on_phone(server, workdir, number, tone=440):
    """Agent `number`'s auto-answering baresip phone (sending `tone`) registered at 100`number`,
    and the agent signed in to that station; answers (phone, token)."""
    phone = Baresip(str(workdir), f"100{number}", server.sip_port, auto_answer=True, tone=tone).start()
    token = server.login(f"agent{number}")
    assert wait_until(lambda: server.ok("GET", "/v1/me", token=token)["device"]["registered"]), phone.output()
    server.ok("POST", "/v1/me/station-login", {"teamId": "support-team", "dialNumber": f"100{number}"}, token)
    return phone, token


def _netstrings(data):
    """The JSON objects of the complete netstrings in `data`."""
    objects = []
    while b":" in data:
        length, rest = data.split(b":", 1)
        if not length.isdigit() or len(rest) < int(length) + 1:
            break
        objects.append(json.loads(rest[:int(length)]))
        data = rest[int(length) + 1:]
    return objects


def write_tone(path, frequency, seconds=30, rate=8000):
    """A mono 16-bit WAV of a sine tone (baresip's aufile source plays it)."""
    with wave.open(path, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * frequency * i / rate)))
                                 for i in range(rate * seconds)))


def write_alaw_tone(path, frequency, seconds=10, rate=8000):
    """A WAV of a sine tone in G.711 A-law (format 6), as sipp's rtp_stream sends it with payload 8."""
    def alaw(sample):
        sign = 0x00 if sample < 0 else 0x80
        if sample < 0:
            sample = -sample - 1
        sample = min(sample, 32767) >> 3
        if sample >= 32:
            exponent = min(7, sample.bit_length() - 5)
            value = (exponent << 4) | ((sample >> exponent) & 0x0F)
        else:
            value = sample >> 1
        return (value | sign) ^ 0x55
    data = bytes(alaw(int(12000 * math.sin(2 * math.pi * frequency * i / rate))) for i in range(rate * seconds))
    fmt = struct.pack("<HHIIHH", 6, 1, rate, rate, 1, 8)
    with open(path, "wb") as out:
        out.write(b"RIFF" + struct.pack("<I", 4 + 8 + len(fmt) + 8 + len(data)) + b"WAVE" + b"fmt "
                  + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data)


def tone_level(samples, frequency, rate=8000):
    """The Goertzel magnitude of `frequency` in `samples`, per sample (0 for none)."""
    k = 2 * math.cos(2 * math.pi * frequency / rate)
    s1 = s2 = 0.0
    for x in samples:
        s1, s2 = x + k * s1 - s2, s1
    return math.sqrt(max(0.0, s1 * s1 + s2 * s2 - k * s1 * s2)) / max(1, len(samples))


def sipp_background(scenario, port, user, timeout=30):
    """Starts a sipp scenario of tests/sip that waits for the server (an agent's phone) on `port`."""
    command = ["sipp", "-sf", os.path.join(SCENARIOS, scenario), "-s", user, "-m", "1", "-i", "127.0.0.1",
               "-p", str(port), "-timeout", f"{timeout}s", "-nostdin"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def sipp(scenario, server_port, user, password=None, calls=1, rate=10, source="127.0.0.1", timeout=15, port=None):
    """Runs a sipp scenario of tests/sip against the server (from `port`, else a free one);
    answers (exit code, output)."""
    command = ["sipp", f"127.0.0.1:{server_port}", "-sf", os.path.join(SCENARIOS, scenario), "-s", user,
               "-m", str(calls), "-r", str(rate), "-i", source, "-p", str(port or free_sip_port()),
               "-timeout", f"{timeout}s", "-nostdin"]
    if password is not None:
        command += ["-au", user, "-ap", password]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout + 10)
    return result.returncode, result.stdout + result.stderr


def wait_until(condition, timeout=10, interval=0.05):
    """Polls `condition` until it holds (returns its value) or `timeout` passes (returns the last)."""
    deadline = time.time() + timeout
    value = condition()
    while not value and time.time() < deadline:
        time.sleep(interval)
        value = condition()
    return value
