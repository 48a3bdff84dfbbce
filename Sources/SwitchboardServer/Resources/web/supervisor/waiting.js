// How many calls waited in each queue over time, rebuilt from the event stream: a contact joins
// its queue with `ContactQueued` (again after a RONA or a transfer to a queue) and leaves it when
// an agent is reserved for it, or when it ends or is rejected. The chart asks for the peak per minute.

const leavesQueue = new Set([
  "AgentContactReserved", "AgentOfferContact", "AgentContactAssigned", "ContactEnded", "ContactRejected",
]);
const minute = 60 * 1000;

export class WaitingHistory {
  constructor({ windowMinutes = 60 } = {}) {
    this.windowMinutes = windowMinutes;
    /** interactionId → queueId, for the contacts waiting now. */
    this.waiting = new Map();
    /** queueId → [{at, count}], each a change of that queue's waiting count, oldest first. */
    this.changes = new Map();
  }

  /** Applies one event; answers true when a queue's waiting count changed. */
  apply(event) {
    const interactionId = event.interactionId ?? event.data?.interactionId;
    if (!interactionId) return false;
    const at = Date.parse(event.at);
    if (event.type === "ContactQueued" && event.data?.queueId) {
      const previous = this.waiting.get(interactionId);
      if (previous === event.data.queueId) return false;
      if (previous) this.record(previous, at, -1);
      this.waiting.set(interactionId, event.data.queueId);
      this.record(event.data.queueId, at, +1);
      return true;
    }
    if (leavesQueue.has(event.type) && this.waiting.has(interactionId)) {
      const queueId = this.waiting.get(interactionId);
      this.waiting.delete(interactionId);
      this.record(queueId, at, -1);
      return true;
    }
    return false;
  }

  record(queueId, at, delta) {
    const series = this.changes.get(queueId) ?? [];
    const count = Math.max(0, (series.at(-1)?.count ?? 0) + delta);
    series.push({ at, count });
    this.changes.set(queueId, series);
  }

  /**
   * The peak waiting count per minute for each queue, over the window ending with the current
   * minute: `{start, minutes: [start of each minute], series: Map(queueId → [peak per minute])}`.
   */
  perMinute(queueIds, now = Date.now()) {
    const last = Math.floor(now / minute) * minute;
    const start = last - (this.windowMinutes - 1) * minute;
    const minutes = Array.from({ length: this.windowMinutes }, (_, index) => start + index * minute);
    const series = new Map();
    for (const queueId of queueIds) {
      const changes = this.changes.get(queueId) ?? [];
      const peaks = new Array(this.windowMinutes).fill(0);
      let index = 0;
      let current = 0;
      while (index < changes.length && changes[index].at < start) current = changes[index++].count;
      minutes.forEach((from, bucket) => {
        let peak = current;
        while (index < changes.length && changes[index].at < from + minute) {
          current = changes[index++].count;
          peak = Math.max(peak, current);
        }
        peaks[bucket] = peak;
      });
      series.set(queueId, peaks);
    }
    this.prune(start);
    return { start, minutes, series };
  }

  /** Drops changes older than the window, keeping each queue's last one before it as the baseline. */
  prune(start) {
    for (const [queueId, series] of this.changes) {
      let firstKept = 0;
      while (firstKept + 1 < series.length && series[firstKept + 1].at < start) firstKept += 1;
      if (firstKept > 0) this.changes.set(queueId, series.slice(firstKept));
    }
  }
}
