// The event stream of API.md: a WebSocket on /v1/events that replays from `since`, then goes live.
// It reconnects by itself (with back-off) from the last event it delivered, so a dropped network or
// a server restart loses nothing and delivers nothing twice.

/** Delivers the tenant's events, in order and once each, for as long as it is started. */
export class EventStream {
  /**
   * @param {object} options
   * @param {string} options.token bearer token (sent as `access_token`: browsers cannot set headers on sockets)
   * @param {number} options.since the last `seq` the caller already reflects
   * @param {(message: object) => void} options.onEvent each event message
   * @param {(state: "connecting"|"live"|"offline") => void} [options.onStatus]
   * @param {() => void} [options.onUnauthorized] the token was refused (expired or signed out)
   * @param {string} [options.scope] "all" (default) or "own"
   */
  constructor({ token, since, onEvent, onStatus = () => {}, onUnauthorized = () => {}, scope }) {
    this.token = token;
    this.lastSeq = since;
    this.onEvent = onEvent;
    this.onStatus = onStatus;
    this.onUnauthorized = onUnauthorized;
    this.scope = scope;
    this.socket = null;
    this.stopped = true;
    this.attempt = 0;
    this.retryTimer = null;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    if (this.socket) {
      this.socket.onclose = null;
      this.socket.close(1000, "bye");
      this.socket = null;
    }
  }

  /** Closes and reopens at once (e.g. when the browser says it is online again). */
  reconnectNow() {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    if (this.socket) {
      this.socket.onclose = null;
      this.socket.close(1000, "reconnect");
      this.socket = null;
    }
    this.attempt = 0;
    this.connect();
  }

  connect() {
    this.onStatus("connecting");
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const params = new URLSearchParams({ since: String(this.lastSeq), access_token: this.token });
    if (this.scope) params.set("scope", this.scope);
    const socket = new WebSocket(`${scheme}//${location.host}/v1/events?${params}`);
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.attempt = 0;
      this.onStatus("live");
    };
    socket.onmessage = (message) => {
      let event;
      try { event = JSON.parse(message.data); } catch { return; }
      if (typeof event.seq !== "number" || event.seq <= this.lastSeq) return;
      this.lastSeq = event.seq;
      this.onEvent(event);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return;
      this.onStatus("offline");
      if (!opened) {
        // A refused upgrade looks like a failed connection; ask whether the token still works.
        this.checkToken().then((valid) => {
          if (valid === false) this.onUnauthorized();
          else this.scheduleRetry();
        });
        return;
      }
      this.scheduleRetry();
    };
  }

  scheduleRetry() {
    if (this.stopped) return;
    const delay = Math.min(10000, 250 * 2 ** this.attempt) * (0.75 + Math.random() / 2);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  /** true: token valid; false: refused; undefined: server unreachable. */
  async checkToken() {
    try {
      const response = await fetch(`/v1/events?since=${this.lastSeq}&limit=1`, {
        headers: { Authorization: `Bearer ${this.token}` },
      });
      if (response.status === 401) return false;
      return true;
    } catch {
      return undefined;
    }
  }
}
