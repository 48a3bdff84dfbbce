// The desktop's client-side model: the agent (`/v1/me` without its tasks) and the agent's open
// tasks, fed by one snapshot and then by the event stream from the snapshot's `seq` (K1). Task
// events carry the whole task (with its `controls`), so the model stores what the server says and
// never computes a state of its own; an event about a task without the task in it re-fetches that
// task. Views subscribe with `onChange` and re-render from `me` and `tasks`.

/** Offers (popovers) are tasks in these statuses; everything else open is in the Interaction Control pane. */
export const offerStatuses = new Set(["reserved", "offered"]);

export class DesktopState {
  /** @param {import("/lib/api.js").Api} api */
  constructor(api) {
    this.api = api;
    this.me = null;
    this.tasks = new Map();
    this.seq = 0;
    /** taskId → the `seq` of the last event that carried that task (a re-fetch older than it is dropped). */
    this.taskSeq = new Map();
    this.listeners = new Set();
  }

  /** Calls `listener(event | null)` after every change (null after a snapshot). */
  onChange(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event) {
    for (const listener of this.listeners) listener(event);
  }

  /** Replaces everything with the server's snapshot; answers its `seq` (the stream starts there). */
  async load() {
    const snapshot = await this.api.get("/v1/me");
    const { tasks, ...me } = snapshot;
    this.me = me;
    this.tasks = new Map(tasks.map((task) => [task.id, task]));
    this.seq = snapshot.seq;
    this.emit(null);
    return snapshot.seq;
  }

  /** Applies one event of the stream (in order, each once). */
  apply(event) {
    this.seq = event.seq;
    const mine = event.agentId === this.me?.agentId;
    if (!mine) return;
    if (event.taskId) {
      if (event.data?.id === event.taskId && event.data.controls) {
        this.storeTask(event.data);
        this.taskSeq.set(event.taskId, event.seq);
      } else {
        this.refetch(event.taskId);
      }
    } else if (event.data && "state" in event.data) {
      Object.assign(this.me, pickAgentFields(event.data));
    }
    this.emit(event);
  }

  /** Stores a task the server answered (commands answer the task too, so the acting tab updates at once). */
  storeTask(task) {
    if (task.status === "closed") {
      this.tasks.delete(task.id);
      this.taskSeq.delete(task.id);
    } else {
      this.tasks.set(task.id, task);
    }
  }

  /**
   * Runs a command and stores its answer (a task, or the `/v1/me` body) unless an event arrived
   * meanwhile: events are the order of truth, and a newer one must not be overwritten by an older
   * answer. With the stream down, the answer keeps the acting tab current until it reconnects.
   */
  async command(send) {
    const seqBefore = this.seq;
    const answer = await send();
    if (this.seq !== seqBefore || !answer) return answer;
    if (answer.id && answer.controls) {
      if (this.tasks.has(answer.id)) this.storeTask(answer);
    } else if ("state" in answer && answer.agentId === this.me?.agentId) {
      Object.assign(this.me, pickAgentFields(answer));
    }
    this.emit(null);
    return answer;
  }

  /**
   * Reads a task an event named without carrying it (a `...Failed` event). An answer older than an
   * event that carried the task meanwhile is dropped; a failed read is tried again a few times.
   */
  async refetch(taskId, attempt = 0) {
    const seqAtRequest = this.seq;
    let task;
    try {
      task = await this.api.get(`/v1/tasks/${encodeURIComponent(taskId)}`);
    } catch (error) {
      if (error.status === 404) {
        this.tasks.delete(taskId);
        this.emit(null);
      } else if (attempt < 3) {
        setTimeout(() => this.refetch(taskId, attempt + 1), 500 * 2 ** attempt);
      }
      return;
    }
    if ((this.taskSeq.get(taskId) ?? 0) > seqAtRequest) return;
    this.storeTask(task);
    this.taskSeq.set(taskId, seqAtRequest);
    this.emit(null);
  }

  /** Offers, earliest first (C6: within a channel, earliest first; voice is the only channel yet). */
  offers() {
    return [...this.tasks.values()]
      .filter((task) => offerStatuses.has(task.status))
      .sort((a, b) => channelRank(a) - channelRank(b) || Date.parse(a.arrivedAt) - Date.parse(b.arrivedAt));
  }

  /** Tasks past the offer: connected or in wrap-up, earliest first. */
  interactions() {
    return [...this.tasks.values()]
      .filter((task) => !offerStatuses.has(task.status))
      .sort((a, b) => Date.parse(a.arrivedAt) - Date.parse(b.arrivedAt));
  }

  allTasks() {
    return [...this.offers(), ...this.interactions()];
  }
}

function pickAgentFields(data) {
  const fields = ["name", "state", "idleReasonId", "chosenState", "chosenIdleReasonId", "teamId", "dialNumber",
    "stateSince", "device"];
  return Object.fromEntries(fields.filter((field) => field in data).map((field) => [field, data[field]]));
}

/** C6's stacking order: email, social messaging, chat, then voice. */
export function channelRank(task) {
  const order = { email: 0, social: 1, chat: 2 };
  return order[task.channel] ?? 3;
}
