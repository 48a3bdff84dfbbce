// The agents table and the count per state: filled from `GET /v1/agents`, then kept current by
// `AgentStateChange`, `AgentStationLogin`, `AgentLogout` and `AgentDeviceChanged` events (each
// carries the whole agent; all but the first its `device`). A phone that is not registered shows
// beside the number (L2).

import { h, replaceChildren } from "/lib/dom.js";
import { t } from "/lib/i18n.js";
import { labelCells } from "./cards.js";
import { formatDuration, stateKeys } from "./format.js";

const agentEvents = new Set(["AgentStateChange", "AgentStationLogin", "AgentLogout", "AgentDeviceChanged"]);
const stateOrder = ["Available", "Idle", "RONA", "Engaged", "WrapUp", "LoggedOut"];

export class AgentsTable {
  constructor() {
    /** agentId → agent (the API's Agent shape). */
    this.agents = new Map();
    this.counts = h("ul", { class: "state-counts", "aria-label": t("agentCounts") });
    this.head = h("thead");
    this.body = h("tbody");
    this.table = h("div", { class: "table-scroll" },
      h("table", { class: "data agents-table", "aria-labelledby": "agents-title" }, this.head, this.body));
  }

  /** @param {object[]} items the answer of `GET /v1/agents` */
  reset(items) {
    this.agents = new Map(items.map((agent) => [agent.agentId, agent]));
    this.render();
  }

  /** Applies an event; answers true when it changed an agent. */
  apply(event) {
    if (!agentEvents.has(event.type) || !event.data?.agentId) return false;
    const known = this.agents.get(event.data.agentId) ?? {};
    this.agents.set(event.data.agentId, { ...known, ...event.data });
    return true;
  }

  name(agentId) {
    return this.agents.get(agentId)?.name ?? agentId;
  }

  render() {
    const agents = [...this.agents.values()].sort((a, b) => a.name.localeCompare(b.name));
    this.counts.setAttribute("aria-label", t("agentCounts"));
    replaceChildren(this.counts, stateOrder.map((state) => h(
      "li", { class: "state-count", dataset: { state } },
      h("span", { class: "state-dot", dataset: { state }, "aria-hidden": "true" }),
      h("span", {}, t(stateKeys[state])),
      h("strong", { class: "count" }, String(agents.filter((agent) => agent.state === state).length)),
    )));
    replaceChildren(this.head, h("tr", {},
      h("th", { scope: "col" }, t("agentName")),
      h("th", { scope: "col" }, t("state")),
      h("th", { scope: "col" }, t("idleReason")),
      h("th", { scope: "col" }, t("team")),
      h("th", { scope: "col" }, t("dialNumber")),
      h("th", { scope: "col", class: "number" }, t("timeInState"))));
    if (agents.length === 0) {
      replaceChildren(this.body, h("tr", {}, h("td", { colspan: 6, class: "empty" }, t("noAgents"))));
      return;
    }
    replaceChildren(this.body, agents.map((agent) => h(
      "tr", { dataset: { agentId: agent.agentId, state: agent.state } },
      h("th", { scope: "row" }, agent.name),
      h("td", { class: "agent-state" },
        h("span", { class: "state-label" },
          h("span", { class: "state-dot", dataset: { state: agent.state }, "aria-hidden": "true" }),
          t(stateKeys[agent.state] ?? agent.state)),
        this.nextState(agent)),
      h("td", { class: "idle-reason" }, this.idleReason(agent)),
      h("td", {}, agent.teamName ?? agent.teamId ?? ""),
      h("td", {},
        agent.dialNumber ? h("span", { class: "mono" }, agent.dialNumber) : null,
        agent.dialNumber && agent.device?.registered === false
          ? h("span", { class: "device-warning", title: t("phoneUnregistered") }, t("phoneUnregistered"))
          : null),
      h("td", { class: "number time-in-state", dataset: { since: this.since(agent) ?? "" } }, this.timeInState(agent)),
    )));
    labelCells(this.table.querySelector("table"));
  }

  /** The idle reason of an Idle agent, or the one it will take after its call (B4). */
  idleReason(agent) {
    // The server names the reason (supervisors cannot read the administration lists).
    if (agent.state === "Idle") return agent.idleReasonName ?? agent.idleReasonId ?? "";
    if (agent.chosenState === "Idle") return agent.chosenIdleReasonName ?? agent.chosenIdleReasonId ?? "";
    return "";
  }

  /** While a call keeps the agent Engaged or in Wrap-up: the state chosen for afterwards, unless Available. */
  nextState(agent) {
    const busy = agent.state === "Engaged" || agent.state === "WrapUp";
    if (!busy || !agent.chosenState || agent.chosenState === "Available" || agent.chosenState === agent.state) return null;
    return h("span", { class: "next-state muted" }, t("nextState", { state: t(stateKeys[agent.chosenState] ?? agent.chosenState) }));
  }

  /** When the current state began, or null for an agent that never logged in. */
  since(agent) {
    const since = Date.parse(agent.stateSince);
    return Number.isFinite(since) && since > 0 ? agent.stateSince : null;
  }

  timeInState(agent, now = Date.now()) {
    const since = this.since(agent);
    return since ? formatDuration((now - Date.parse(since)) / 1000) : "—";
  }

  /** Advances the time-in-state timers (called every second). */
  tick(now = Date.now()) {
    for (const cell of this.body.querySelectorAll(".time-in-state")) {
      if (cell.dataset.since) cell.textContent = formatDuration((now - Date.parse(cell.dataset.since)) / 1000);
    }
  }
}
