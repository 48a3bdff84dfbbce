"""The supervisor's pure parts, run in the real browser as the page runs them: reading only the
last hour of a long event history, and the per-minute peaks of the waiting chart."""
from conftest import console_errors


def run_module(driver, server, script):
    """Runs `script` (an async function body that returns JSON-able data) on the server's origin."""
    driver.get(server.base + "/")
    driver.set_script_timeout(10)
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"(async () => {{ {script} }})().then(done, (error) => done({{error: String(error)}}));")


def test_history_reads_only_the_last_hour_with_few_requests(server, browser):
    driver = browser()
    result = run_module(driver, server, """
        const { loadRecentEvents } = await import("/supervisor/history.js");
        const base = Date.parse("2026-01-01T00:00:00Z");
        const total = 5000;  // one event a second for 5000 s
        const event = (seq) => ({ seq, type: "AgentStateChange", at: new Date(base + seq * 1000).toISOString(), data: {} });
        const requests = [];
        const api = { async get(path) {
            requests.push(path);
            const query = new URLSearchParams(path.split("?")[1]);
            const since = Number(query.get("since"));
            const limit = Number(query.get("limit") ?? 1000);
            const events = [];
            for (let seq = since + 1; seq <= Math.min(total, since + limit); seq++) events.push(event(seq));
            return { events, hasMore: since + events.length < total };
        } };
        const { events, lastSeq } = await loadRecentEvents(api, { now: base + total * 1000 });
        const empty = await loadRecentEvents({ async get() { return { events: [], hasMore: false }; } });
        return { first: events[0].seq, count: events.length, lastSeq, requests: requests.length, empty };
    """)
    # The window starts at 5000 s − 3600 s = 1400 s: events 1400 … 5000, read in 4 pages after ~25 probes.
    assert result == {**result, "first": 1400, "count": 3601, "lastSeq": 5000,
                      "empty": {"events": [], "lastSeq": 0}}
    assert result["requests"] < 40
    assert console_errors(driver) == []


def test_waiting_history_peaks_per_minute(server, browser):
    driver = browser()
    result = run_module(driver, server, """
        const { WaitingHistory } = await import("/supervisor/waiting.js");
        const history = new WaitingHistory({ windowMinutes: 5 });
        const minute = 60000;
        const start = Date.parse("2026-01-01T10:00:00Z");
        const at = (offset) => new Date(start + offset).toISOString();
        const changed = [
            history.apply({ type: "ContactQueued", at: at(10000), interactionId: "a", data: { queueId: "q1" } }),
            history.apply({ type: "ContactQueued", at: at(20000), interactionId: "b", data: { queueId: "q1" } }),
            history.apply({ type: "ContactQueued", at: at(20000), interactionId: "b", data: { queueId: "q1" } }),
            history.apply({ type: "AgentContactReserved", at: at(minute + 5000), interactionId: "a", data: {} }),
            history.apply({ type: "AgentOfferContactRona", at: at(minute + 20000), interactionId: "a", data: {} }),
            history.apply({ type: "ContactQueued", at: at(minute + 20000), interactionId: "a", data: { queueId: "q1" } }),
            history.apply({ type: "ContactEnded", at: at(3 * minute + 1000), interactionId: "a", data: {} }),
            history.apply({ type: "ContactEnded", at: at(3 * minute + 2000), interactionId: "b", data: {} }),
            history.apply({ type: "AgentStateChange", at: at(3 * minute + 3000), agentId: "x", data: {} }),
        ];
        const { series } = history.perMinute(["q1", "q2"], start + 4 * minute + 30000);
        return { changed, q1: series.get("q1"), q2: series.get("q2"), waiting: history.waiting.size };
    """)
    assert result["changed"] == [True, True, False, True, False, True, True, True, False]
    # Minutes 10:00 … 10:04: two waiting, then back to two after the RONA, then none.
    assert result["q1"] == [2, 2, 2, 2, 0]
    assert result["q2"] == [0, 0, 0, 0, 0]
    assert result["waiting"] == 0
    assert console_errors(driver) == []
