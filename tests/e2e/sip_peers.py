"""Real SIP peers from Debian's packages for the end-to-end tests: baresip as an agent's phone
(headless, its audio a generated tone, what it hears written to a file) and sipp running the
scenarios in tests/sip."""
import math
import os
import signal
import struct
import subprocess
import time
import wave

from switchboard_client import ROOT, free_sip_port

SCENARIOS = os.path.join(ROOT, "tests", "sip")


class Baresip:
    """A baresip softphone registered as `user` with `password` at the server's SIP port."""

    def __init__(self, workdir, user, server_port, password="password", register_seconds=600, auto_answer=False):
        self.dir = os.path.join(workdir, f"baresip-{user}")
        os.makedirs(self.dir, exist_ok=True)
        self.user = user
        self.port = free_sip_port()
        tone = os.path.join(self.dir, "tone.wav")
        write_tone(tone, 440)
        with open(os.path.join(self.dir, "config"), "w") as config:
            config.write("\n".join([
                f"sip_listen 127.0.0.1:{self.port}",
                f"audio_player aufile,{os.path.join(self.dir, 'heard.wav')}",
                f"audio_source aufile,{tone}",
                "module_path /usr/lib/baresip/modules",
                "module g711.so", "module aufile.so", "module account.so", "",
            ]))
        answer = ";answermode=auto" if auto_answer else ""
        with open(os.path.join(self.dir, "accounts"), "w") as accounts:
            accounts.write(f"<sip:{user}@127.0.0.1:{server_port};transport=udp>;auth_pass={password};"
                           f"regint={register_seconds}{answer}\n")
        self.log_path = os.path.join(self.dir, "baresip.log")
        self.process = None

    def start(self):
        self.log = open(self.log_path, "ab")
        self.process = subprocess.Popen(["baresip", "-f", self.dir], stdin=subprocess.DEVNULL, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        return self

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


def write_tone(path, frequency, seconds=30, rate=8000):
    """A mono 16-bit WAV of a sine tone (baresip's aufile source plays it)."""
    with wave.open(path, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * frequency * i / rate)))
                                 for i in range(rate * seconds)))


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
