// The interactions of the last hour, newest first: who called, which queue and which agents come
// from the event stream; where each stands comes from the server (`GET /v1/interactions`, read
// again after events), never guessed from event types. Each opens its timeline.

import { h, replaceChildren } from "/lib/dom.js";
import { t } from "/lib/i18n.js";
import { labelCells } from "./cards.js";
import { formatClock } from "./format.js";

const statusKeys = {
  queued: "statusQueued", ringing: "statusRinging", connected: "statusConnected", held: "statusHeld",
  consult: "statusConsult", wrapup: "statusWrapup", ended: "statusEnded", rejected: "statusRejected",
  calling_back: "statusCallingBack", callback_scheduled: "statusCallbackScheduled",
};
const shown = 50;
const hour = 60 * 60 * 1000;

export class InteractionsList {
  /** @param {{agentName: (id) => string, queueName: (id) => string, onOpen: (interaction) => void}} options */
  constructor({ agentName, queueName, onOpen }) {
    this.agentName = agentName;
    this.queueName = queueName;
    this.onOpen = onOpen;
    /** interactionId → {id, ani, dnis, queueId, queueName, agentIds, status, startedAt, lastAt, lastSeq} */
    this.interactions = new Map();
    this.head = h("thead");
    this.body = h("tbody");
    this.element = h("div", { class: "table-scroll" },
      h("table", { class: "data interactions-table", "aria-labelledby": "interactions-title" }, this.head, this.body));
  }

  /** Applies an event; answers true when it touched an interaction. */
  apply(event) {
    const id = event.interactionId ?? event.data?.interactionId;
    if (!id) return false;
    const data = event.data ?? {};
    const item = this.interactions.get(id) ?? {
      id, ani: null, dnis: null, queueId: null, queueName: null, agentIds: [], status: "queued", startedAt: event.at,
    };
    item.lastAt = event.at;
    item.lastSeq = event.seq;
    item.ani ??= data.ani ?? null;
    item.dnis ??= data.dnis ?? null;
    if (data.queueId) item.queueId = data.queueId;
    if (data.queue?.name) item.queueName = data.queue.name;
    if (event.agentId && !item.agentIds.includes(event.agentId)) item.agentIds.push(event.agentId);
    // A rejected call never reaches an agent: its one event says all there is.
    if (event.type === "ContactRejected") item.status = "rejected";
    this.interactions.set(id, item);
    return true;
  }

  /**
   * Takes where each interaction stands from the server's list as of event `seq`: an interaction
   * in it shows its status; one the page knows from events up to `seq` that is not in it is over.
   * Rows that have seen a newer event wait for the next list. Answers true when a row changed.
   * @param {{items: object[], seq: number}} list the answer of `GET /v1/interactions`
   */
  applyLive(list) {
    let changed = false;
    const live = new Set();
    for (const summary of list.items) {
      live.add(summary.interactionId);
      const item = this.interactions.get(summary.interactionId) ?? {
        id: summary.interactionId, ani: summary.ani, dnis: summary.dnis, queueId: summary.queueId, queueName: null,
        agentIds: [], status: summary.status, startedAt: summary.arrivedAt, lastAt: summary.arrivedAt, lastSeq: 0,
      };
      if ((item.lastSeq ?? 0) > list.seq) continue;
      for (const agentId of summary.agentIds) if (!item.agentIds.includes(agentId)) item.agentIds.push(agentId);
      if (summary.queueId) item.queueId = summary.queueId;
      changed ||= item.status !== summary.status || !this.interactions.has(item.id);
      item.status = summary.status;
      this.interactions.set(item.id, item);
    }
    for (const item of this.interactions.values()) {
      const finished = item.status === "ended" || item.status === "rejected";
      if (live.has(item.id) || finished || (item.lastSeq ?? 0) > list.seq) continue;
      item.status = "ended";
      changed = true;
    }
    return changed;
  }

  /** Forgets finished interactions that ended before the last hour. */
  prune(now = Date.now()) {
    for (const [id, item] of this.interactions) {
      const finished = item.status === "ended" || item.status === "rejected";
      if (finished && now - Date.parse(item.lastAt) > hour) this.interactions.delete(id);
    }
  }

  render() {
    // A re-render must not take the keyboard away from the row it is on.
    const focusedId = this.body.contains(document.activeElement)
      ? document.activeElement.closest("tr")?.dataset.interactionId : null;
    this.prune();
    this.renderRows();
    if (focusedId) this.body.querySelector(`tr[data-interaction-id="${CSS.escape(focusedId)}"] button`)?.focus();
  }

  renderRows() {
    replaceChildren(this.head, h("tr", {},
      h("th", { scope: "col" }, t("started")),
      h("th", { scope: "col" }, t("from")),
      h("th", { scope: "col" }, t("queue")),
      h("th", { scope: "col" }, t("agent")),
      h("th", { scope: "col" }, t("status"))));
    const items = [...this.interactions.values()]
      .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))
      .slice(0, shown);
    if (items.length === 0) {
      replaceChildren(this.body, h("tr", {}, h("td", { colspan: 5, class: "empty" }, t("noInteractions"))));
      return;
    }
    replaceChildren(this.body, items.map((item) => {
      const from = item.ani ?? item.id;
      return h(
        "tr", { class: "interaction-row", dataset: { interactionId: item.id, status: item.status }, onclick: () => this.onOpen(item) },
        h("td", { class: "mono" }, formatClock(item.startedAt)),
        h("td", {}, h("button", {
          type: "button", class: "link-button mono", "aria-label": t("openTimeline", { from }),
          onclick: (event) => { event.stopPropagation(); this.onOpen(item); },
        }, from)),
        h("td", {}, item.queueName ?? (item.queueId ? this.queueName(item.queueId) : "")),
        h("td", {}, item.agentIds.map((agentId) => this.agentName(agentId)).join(", ")),
        h("td", {}, h("span", { class: "status-badge", dataset: { status: item.status } }, t(statusKeys[item.status]))),
      );
    }));
    labelCells(this.element.querySelector("table"));
  }
}
