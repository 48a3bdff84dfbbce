// The tenant's events of the last hour, read over HTTP before the live stream takes over.
// `GET /v1/events?since=` has no time filter, so the first event of the window is found by
// bisecting on `seq` (each probe reads a single event, `at` grows with `seq`); only the window is
// then paged in. A long-lived tenant costs a few dozen tiny requests, not its whole history.

const hour = 60 * 60 * 1000;

/**
 * Answers `{events, lastSeq}`: every event since `now - windowMs`, oldest first, and the `seq` to
 * start the live stream from.
 * @param {import("/lib/api.js").Api} api
 */
export async function loadRecentEvents(api, { windowMs = hour, now = Date.now() } = {}) {
  const cutoff = now - windowMs;
  const firstAfter = async (seq) => (await api.get(`/v1/events?since=${seq}&limit=1`)).events[0] ?? null;
  const isOld = (event) => event !== null && Date.parse(event.at) < cutoff;

  // Invariant: the event after `low` is old (it is `lastOld`); the event after `high` is not, or is none.
  let lastOld = await firstAfter(0);
  let since = 0;
  if (isOld(lastOld)) {
    let low = 0;
    let high = 1;
    for (let next = await firstAfter(high); isOld(next); next = await firstAfter(high)) {
      low = high;
      lastOld = next;
      high *= 2;
    }
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      const event = await firstAfter(middle);
      if (isOld(event)) {
        low = middle;
        lastOld = event;
      } else {
        high = middle;
      }
    }
    since = lastOld.seq;
  }

  const events = [];
  for (;;) {
    const page = await api.get(`/v1/events?since=${since}`);
    events.push(...page.events);
    if (page.events.length > 0) since = page.events[page.events.length - 1].seq;
    if (!page.hasMore || page.events.length === 0) break;
  }
  return { events, lastSeq: since };
}
