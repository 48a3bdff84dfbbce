#!/usr/bin/env python3
"""Writes the data folders the upgrade tests restore (Tests/SwitchboardServerTests/Fixtures).

Run it with a release's binary (`SWITCHBOARD_BINARY`, default .build/debug/switchboard) to keep
that release's durable format under test: every later release must restore these folders and
replay their inputs to exactly the events that release stored.

  python3 scripts/make_upgrade_fixture.py <release-name>

It drives `serve --demo` over HTTP through a day that touches every input the core takes: an
administrator's changes, station logins and states, offers answered, declined, failed and rung out
(a timer), hold, Privacy Shield with its automatic resume (a timer), consults to an agent and to a
dial number, a conference, consult and blind transfers, a customer hanging up in a queue, wrap-ups
and a logout. Two folders come out:
- `journal`: killed with SIGKILL, so every input since the start is still in the journal;
- `snapshot`: the same day, stopped cleanly with calls still up (a snapshot of the whole state
  with timers pending), started again, a few more inputs, then SIGKILL (a snapshot plus the
  inputs after it).
"""
import os
import shutil
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests", "e2e"))
from switchboard_client import ServerProcess  # noqa: E402

SUPPORT = "+4570100100"
SALES = "+4570100200"


class Day:
    def __init__(self, server):
        self.server = server
        self.tokens = {}

    def ok(self, method, path, body=None, token=None):
        return self.server.ok(method, path, body, token).body

    def agent(self, number, state="Available"):
        token = self.server.login(f"agent{number}")
        self.tokens[number] = token
        self.ok("POST", "/v1/me/station-login", {"teamId": "support-team", "dialNumber": f"100{number}"}, token)
        if state:
            self.set_state(number, state)
        return token

    def set_state(self, number, state, reason=None):
        body = {"state": state}
        if reason:
            body["idleReasonId"] = reason
        self.ok("PUT", "/v1/me/state", body, self.tokens[number])

    def call(self, to=SUPPORT, caller="+4511111111"):
        return self.ok("POST", "/v1/sim/calls", {"from": caller, "to": to})["callId"]

    def task(self, number, status, timeout=10.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for task in self.ok("GET", "/v1/me", token=self.tokens[number])["tasks"]:
                if task["status"] == status:
                    return task
            time.sleep(0.05)
        raise RuntimeError(f"agent{number} has no {status} task")

    def device(self, number, action):
        self.ok("POST", f"/v1/sim/devices/100{number}/{action}", {}, self.tokens[number])

    def command(self, number, task, path, body=None):
        return self.ok("POST", f"/v1/tasks/{task['id']}/{path}", body or {}, self.tokens[number])

    def wait_leg(self, number, task, kind, state, timeout=10.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            current = self.ok("GET", f"/v1/tasks/{task['id']}", token=self.tokens[number])
            if any(leg["kind"] == kind and leg["state"] == state for leg in current["legs"]):
                return current
            time.sleep(0.05)
        raise RuntimeError(f"task {task['id']} has no {kind} leg {state}")

    def first_part(self):
        admin = self.server.login("admin")
        # Administrators' changes are inputs too; the first one comes first in the journal.
        self.ok("PATCH", "/v1/admin/settings", {"privacyShieldSeconds": 1}, admin)
        self.ok("PATCH", "/v1/admin/queues/sales", {"ringTimeoutSeconds": 2}, admin)

        # A call answered on the phone: hold, resume, Privacy Shield resumed by its timer and by hand.
        self.agent(1)
        self.call(caller="+4511111111")
        self.task(1, "offered")
        self.device(1, "answer")
        call = self.task(1, "connected")
        self.command(1, call, "hold")
        self.command(1, call, "hold")
        self.command(1, call, "unhold")
        self.command(1, call, "record/pause")
        time.sleep(1.6)
        self.command(1, call, "record/pause")
        self.command(1, call, "record/resume")

        # A consult to another agent, both legs toggled, a conference, agent 1 leaves it.
        self.agent(2)
        self.command(1, call, "consult", {"to": {"type": "agent", "id": "agent2"}})
        self.task(2, "offered")
        self.device(2, "answer")
        consulted = self.task(2, "connected")
        self.command(1, call, "consult/unhold")
        self.command(1, call, "hold")
        self.command(1, call, "consult/conference")
        self.command(1, call, "end")
        self.command(1, call, "wrapup", {"reasonId": "resolved"})
        self.command(2, consulted, "end")
        self.command(2, consulted, "wrapup", {"reasonId": "follow-up"})

        # A consult to a dial number that answers, then a consult transfer outside; the customer
        # hangs up on the outside party.
        self.set_state(2, "Idle", "break")
        call_id = self.call(caller="+4522222222")
        call = self.task(1, "offered")
        self.device(1, "answer")
        call = self.task(1, "connected")
        self.command(1, call, "consult", {"to": {"type": "dialNumber", "number": "+45 33 00 10 00"}})
        self.wait_leg(1, call, "consult", "connected")
        self.command(1, call, "consult/transfer")
        self.command(1, call, "wrapup", {"reasonId": "resolved"})
        self.ok("POST", f"/v1/sim/calls/{call_id}/hangup", {})

        # Sales rings for 2 s: a failed phone, a decline, a ring-out by the timer, then a blind
        # transfer to a queue that another agent answers.
        self.set_state(2, "Available")
        self.call(to=SALES, caller="+4533333333")
        self.task(1, "offered")
        self.device(1, "fail")
        self.task(2, "offered")
        time.sleep(2.5)
        self.set_state(1, "Available")
        self.task(1, "offered")
        self.device(1, "answer")
        call = self.task(1, "connected")
        self.set_state(2, "Available")
        self.command(1, call, "transfer", {"to": {"type": "queue", "id": "support"}})
        self.task(2, "offered")
        self.device(2, "answer")
        transferred = self.task(2, "connected")
        self.command(1, call, "wrapup", {"reasonId": "escalated"})
        self.device(2, "hangup")
        self.command(2, transferred, "wrapup", {"reasonId": "resolved"})

        # Idle with a reason, logout; a caller who hangs up in the queue.
        self.agent(3, state=None)
        self.set_state(3, "Idle", "training")
        self.ok("POST", "/v1/me/logout", {}, self.tokens[3])
        self.set_state(1, "Idle", "break")
        self.set_state(2, "Idle", "break")
        waiting = self.call(caller="+4544444444")
        self.ok("POST", f"/v1/sim/calls/{waiting}/hangup", {})

    def calls_left_up(self):
        """State a snapshot must carry: a call on hold in a consult, one queued, one ringing with
        its ring timer, a Privacy Shield pause with its timer."""
        self.set_state(1, "Available")
        self.call(caller="+4555555555")
        call = self.task(1, "offered")
        self.device(1, "answer")
        call = self.task(1, "connected")
        self.ok("PATCH", "/v1/admin/settings", {"privacyShieldSeconds": 600}, self.server.login("admin"))
        self.command(1, call, "record/pause")
        self.agent(4, state=None)
        self.command(1, call, "consult", {"to": {"type": "agent", "id": "agent4"}})
        self.call(caller="+4566666666")

    def after_restart(self):
        for number in (1, 2, 4):
            self.tokens[number] = self.server.login(f"agent{number}")
        self.set_state(2, "Available")
        self.task(2, "offered")
        self.device(4, "answer")


def fold_wal(folder):
    """One database file: the WAL copied in (what a checkpoint does), nothing else changed."""
    for name in os.listdir(folder):
        if name.endswith(".sqlite") or name.endswith(".db"):
            connection = sqlite3.connect(os.path.join(folder, name))
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.execute("PRAGMA journal_mode=DELETE")
            connection.close()
    for name in os.listdir(folder):
        if name.endswith("-wal") or name.endswith("-shm") or name == "server.log":
            os.remove(os.path.join(folder, name))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = os.path.join(root, "Tests", "SwitchboardServerTests", "Fixtures", sys.argv[1])
    shutil.rmtree(target, ignore_errors=True)
    os.makedirs(target)
    with tempfile.TemporaryDirectory() as work:
        server = ServerProcess(work).start()
        day = Day(server)
        day.first_part()
        server.kill()
        shutil.copytree(work, os.path.join(target, "journal"))
        server.start()
        day.calls_left_up()
        server.stop()
        server.start()
        day.after_restart()
        server.kill()
        shutil.copytree(work, os.path.join(target, "snapshot"))
    for kind in ("journal", "snapshot"):
        fold_wal(os.path.join(target, kind))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
