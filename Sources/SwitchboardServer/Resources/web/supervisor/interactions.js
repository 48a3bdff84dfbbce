// The interactions of the last hour, newest first, derived from the event stream: who called,
// which queue, which agents, and where the interaction stands now. Each opens its timeline.

import { h, replaceChildren } from "/lib/dom.js";
import { t } from "/lib/i18n.js";
import { labelCells } from "./cards.js";
import { formatClock } from "./format.js";

const statusByEvent = {
  ContactQueued: "queued",
  ContactRejected: "rejected",
  AgentContactReserved: "ringing",
  AgentOfferContact: "ringing",
  AgentContactAssigned: "connected",
  AgentContactHeld: "held",
  AgentContactUnheld: "connected",
  AgentConsultCreated: "consult",
  AgentConsulting: "consult",
  AgentConsultEnded: "connected",
  AgentConsultConferenced: "connected",
  AgentConsultTransferred: "connected",
  ContactEnded: "ended",
  AgentWrapup: "wrapup",
  AgentWrappedUp: "ended",
};
const statusKeys = {
  queued: "statusQueued", ringing: "statusRinging", connected: "statusConnected", held: "statusHeld",
  consult: "statusConsult", wrapup: "statusWrapup", ended: "statusEnded", rejected: "statusRejected",
};
const shown = 50;
const hour = 60 * 60 * 1000;

export class InteractionsList {
  /** @param {{agentName: (id) => string, queueName: (id) => string, onOpen: (interaction) => void}} options */
  constructor({ agentName, queueName, onOpen }) {
    this.agentName = agentName;
    this.queueName = queueName;
    this.onOpen = onOpen;
    /** interactionId → {id, ani, dnis, queueId, queueName, agentIds, status, startedAt, lastAt} */
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
    item.ani ??= data.ani ?? null;
    item.dnis ??= data.dnis ?? null;
    if (data.queueId) item.queueId = data.queueId;
    if (data.queue?.name) item.queueName = data.queue.name;
    if (event.agentId && !item.agentIds.includes(event.agentId)) item.agentIds.push(event.agentId);
    const status = statusByEvent[event.type];
    // An ended call whose agent still wraps up reads Wrap-up until the wrap-up is sent.
    if (status && !(item.status === "wrapup" && status === "ended" && event.type === "ContactEnded")) item.status = status;
    this.interactions.set(id, item);
    return true;
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
