// The event stream of API.md: a WebSocket on /v1/events that replays from `since`, then goes live.
// It reconnects by itself (with back-off) from the last event it delivered, so a dropped network or
// a server restart loses nothing and delivers nothing twice. It also reconnects at once when the
// browser comes back online, or when a page hidden for a while (a laptop asleep) is shown again,
// since a connection that died quietly can still look open.

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
    /** Bumped whenever a connection is abandoned: callbacks of an older one do nothing. */
    this.generation = 0;
    this.hiddenSince = null;
    this.onOnline = () => this.reconnectNow();
    this.onVisibility = () => {
      if (document.hidden) {
        this.hiddenSince = Date.now();
      } else if (this.hiddenSince !== null && Date.now() - this.hiddenSince > 30000) {
        this.hiddenSince = null;
        this.reconnectNow();
      } else {
        this.hiddenSince = null;
      }
    };
  }

  start() {
    this.stopped = false;
    addEventListener("online", this.onOnline);
    document.addEventListener("visibilitychange", this.onVisibility);
    this.connect();
  }

  stop() {
    this.stopped = true;
    removeEventListener("online", this.onOnline);
    document.removeEventListener("visibilitychange", this.onVisibility);
    this.abandon("bye");
  }

  /** Closes the current connection (if any) and cancels a pending retry. */
  abandon(reason) {
    this.generation += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.socket) {
      this.socket.onclose = null;
      this.socket.close(1000, reason);
      this.socket = null;
    }
  }

  /** Closes and reopens at once (e.g. when the browser says it is online again). */
  reconnectNow() {
    if (this.stopped) return;
    this.abandon("reconnect");
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
    const generation = this.generation;
    const current = () => !this.stopped && generation === this.generation;
    let opened = false;
    socket.onopen = () => {
      if (!current()) return;
      opened = true;
      this.attempt = 0;
      this.onStatus("live");
    };
    socket.onmessage = (message) => {
      if (!current()) return;
      let event;
      try { event = JSON.parse(message.data); } catch { return; }
      if (typeof event.seq !== "number" || event.seq <= this.lastSeq) return;
      this.lastSeq = event.seq;
      this.onEvent(event);
    };
    socket.onclose = () => {
      if (!current()) return;
      this.socket = null;
      this.onStatus("offline");
      if (!opened) {
        // A refused upgrade looks like a failed connection; ask whether the token still works.
        this.checkToken().then((valid) => {
          if (!current()) return;
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
