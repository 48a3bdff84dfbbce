"""Real SIP peers from Debian's packages for the end-to-end tests: baresip as an agent's phone
(headless, its audio from a generated tone and to a file) and sipp running the scenarios in
tests/sip."""
import os
import signal
import subprocess
import time

from switchboard_client import ROOT, free_sip_port

SCENARIOS = os.path.join(ROOT, "tests", "sip")


class Baresip:
    """A baresip softphone registered as `user` with `password` at the server's SIP port."""

    def __init__(self, workdir, user, server_port, password="password", register_seconds=600):
        self.dir = os.path.join(workdir, f"baresip-{user}")
        os.makedirs(self.dir, exist_ok=True)
        self.user = user
        self.port = free_sip_port()
        with open(os.path.join(self.dir, "config"), "w") as config:
            config.write("\n".join([
                f"sip_listen 127.0.0.1:{self.port}",
                f"audio_player aufile,{os.path.join(self.dir, 'heard.wav')}",
                "audio_source ausine,440",
                "module_path /usr/lib/baresip/modules",
                "module g711.so", "module aufile.so", "module ausine.so", "module account.so", "",
            ]))
        with open(os.path.join(self.dir, "accounts"), "w") as accounts:
            accounts.write(f"<sip:{user}@127.0.0.1:{server_port};transport=udp>;auth_pass={password};"
                           f"regint={register_seconds}\n")
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


def sipp(scenario, server_port, user, password=None, calls=1, rate=10, source="127.0.0.1", timeout=15):
    """Runs a sipp scenario of tests/sip against the server; answers (exit code, output)."""
    command = ["sipp", f"127.0.0.1:{server_port}", "-sf", os.path.join(SCENARIOS, scenario), "-s", user,
               "-m", str(calls), "-r", str(rate), "-i", source, "-p", str(free_sip_port()),
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
