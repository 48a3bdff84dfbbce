// An interaction's timeline (SPEC K7) in a modal dialog: every event of the interaction from
// `GET /v1/interactions/{id}/timeline`, oldest first, with who did what and when; new events of
// that interaction are appended live while the dialog is open.

import { h, replaceChildren } from "/lib/dom.js";
import { t } from "/lib/i18n.js";
import { formatClock, formatDuration } from "./format.js";

/** The event's label; a type without one reads as its name spaced out ("AgentConsultHoldFailed" → "Agent Consult Hold Failed"). */
function eventLabel(type) {
  const key = `event.${type}`;
  const label = t(key);
  return label === key ? type.replace(/([a-z])([A-Z])/g, "$1 $2") : label;
}

/**
 * G1, G2: the call's recording as its events tell it: whether it was recorded, and each Privacy
 * Shield pause with who paused, how long, and whether it ended by itself. Null when not recorded.
 */
export function recordingPauses(events) {
  if (!events.some((event) => event.type === "ContactRecordingStarted")) return null;
  const pauses = [];
  for (const event of events) {
    if (event.type === "ContactRecordingPaused") pauses.push({ from: event.at, agentId: event.agentId, to: null, auto: false });
    const open = pauses.at(-1);
    if (event.type === "ContactRecordingResumed" && open && !open.to) {
      open.to = event.at;
      open.auto = Boolean(event.data?.autoResumed);
    }
    // The call's end ends a pause that was still running.
    if (event.type === "ContactEnded" && open && !open.to) open.to = event.at;
  }
  return pauses;
}

export class TimelineDialog {
  /** @param {{api, agentName: (id) => string, queueName: (id) => string}} options */
  constructor({ api, agentName, queueName }) {
    this.api = api;
    this.agentName = agentName;
    this.queueName = queueName;
    this.interactionId = null;
    this.events = [];
    this.title = h("h2", { id: "timeline-title" });
    this.summary = h("dl", { class: "timeline-summary" });
    this.list = h("ol", { class: "timeline", role: "log", "aria-live": "polite", "aria-labelledby": "timeline-title" });
    this.message = h("p", { class: "timeline-message", role: "status" });
    this.closeButton = h("button", { type: "button", class: "icon-button", onclick: () => this.dialog.close() }, "✕");
    this.dialog = h("dialog", { class: "timeline-dialog", "aria-labelledby": "timeline-title" },
      h("div", { class: "dialog-head" }, this.title, this.closeButton),
      h("div", { class: "dialog-body" }, this.summary, this.message, this.list),
      h("div", { class: "dialog-foot" },
        h("span", { class: "live-note muted" }),
        h("button", { type: "button", class: "button", onclick: () => this.dialog.close() })));
    this.dialog.addEventListener("close", () => { this.interactionId = null; });
  }

  get isOpen() {
    return this.dialog.open;
  }

  /** Opens the dialog for `interaction` (an InteractionsList item) and loads its events. */
  async open(interaction) {
    this.interactionId = interaction.id;
    this.interaction = interaction;
    this.events = [];
    this.message.textContent = t("timelineLoading");
    this.render();
    if (!this.dialog.open) this.dialog.showModal();
    const requested = interaction.id;
    try {
      const answer = await this.api.get(`/v1/interactions/${encodeURIComponent(interaction.id)}/timeline`);
      if (this.interactionId !== requested) return;
      this.merge(answer.items);
      this.message.textContent = "";
    } catch (error) {
      if (this.interactionId !== requested) return;
      this.message.textContent = t("timelineFailed", { message: error.message });
    }
    this.render();
  }

  /** Appends a live event when it belongs to the open interaction. */
  apply(event) {
    if (!this.interactionId || (event.interactionId ?? event.data?.interactionId) !== this.interactionId) return;
    this.merge([event]);
    this.render();
  }

  merge(events) {
    const seen = new Set(this.events.map((event) => event.seq));
    this.events.push(...events.filter((event) => !seen.has(event.seq)));
    this.events.sort((a, b) => a.seq - b.seq);
  }

  detail(event) {
    const data = event.data ?? {};
    const parts = [];
    if (event.type === "ContactQueued") {
      if (data.queueId) parts.push(this.queueName(data.queueId));
      if (data.position) parts.push(t("position", { n: data.position }));
    }
    if (event.type === "AgentOfferContact" && data.queue?.name) parts.push(data.queue.name);
    if (data.reason && typeof data.reason === "string") {
      const key = `closeReason.${data.reason}`;
      const text = t(key);
      parts.push(`${t("reason")}: ${text === key ? data.reason.replaceAll("_", " ") : text}`);
    }
    if (event.type === "ContactRecordingResumed") parts.push(t(data.autoResumed ? "autoResumed" : "resumedByHand"));
    if (event.type === "CallbackAttemptFailed" && data.retryAt) parts.push(t("retryAt", { time: formatClock(data.retryAt) }));
    if (event.type.endsWith("Failed") && data.message) parts.push(data.message);
    return parts.join(" · ");
  }

  /** Who did it: the agent, or the system for what it does by itself (recording starts, a pause runs out). */
  actor(event) {
    if (event.type === "ContactRecordingStarted") return t("system");
    if (event.type === "ContactRecordingResumed" && event.data?.autoResumed) return t("system");
    return event.agentId ? this.agentName(event.agentId) : t("system");
  }

  /** The summary's Recording line: not recorded, or recorded with its pauses. */
  recordingEntry() {
    const pauses = recordingPauses(this.events);
    if (!pauses) return [];
    const seconds = (pause) => ((pause.to ? Date.parse(pause.to) : Date.now()) - Date.parse(pause.from)) / 1000;
    const items = pauses.map((pause) => h("li", { class: "recording-pause" },
      t("pauseLine", {
        at: formatClock(pause.from), agent: pause.agentId ? this.agentName(pause.agentId) : t("system"),
        length: formatDuration(seconds(pause)),
        end: pause.to ? t(pause.auto ? "resumedAutomatically" : "resumedByHand") : t("stillPaused"),
      })));
    return [h("dt", {}, t("recording")),
      h("dd", { class: "recording-summary" },
        pauses.length === 0 ? t("recordedThroughout") : t("recordedWithPauses", { n: pauses.length }),
        items.length ? h("ul", {}, items) : null)];
  }

  render() {
    const interaction = this.interaction;
    if (!interaction) return;
    this.title.textContent = t("timelineTitle", { id: interaction.id });
    this.closeButton.setAttribute("aria-label", t("close"));
    this.dialog.querySelector(".dialog-foot .button").textContent = t("close");
    this.dialog.querySelector(".live-note").textContent = t("timelineLive");
    const first = this.events[0]?.at ?? interaction.startedAt;
    const last = this.events.at(-1)?.at ?? interaction.lastAt ?? first;
    const agents = [...new Set(this.events.map((event) => event.agentId).filter(Boolean))];
    const entry = (key, value) => [h("dt", {}, t(key)), h("dd", {}, value || "—")];
    replaceChildren(this.summary,
      entry("caller", interaction.ani),
      entry("entryPoint", interaction.dnis),
      entry("queue", interaction.queueName ?? (interaction.queueId ? this.queueName(interaction.queueId) : "")),
      entry("agent", agents.map((id) => this.agentName(id)).join(", ")),
      entry("started", formatClock(first)),
      entry("duration", formatDuration((Date.parse(last) - Date.parse(first)) / 1000)),
      ...this.recordingEntry());
    replaceChildren(this.list, this.events.map((event) => h(
      "li", { class: "timeline-entry", dataset: { type: event.type, seq: event.seq } },
      h("span", { class: "timeline-time mono" },
        formatClock(event.at),
        h("span", { class: "muted" }, `+${formatDuration((Date.parse(event.at) - Date.parse(first)) / 1000)}`)),
      h("span", { class: ["timeline-marker", event.type.endsWith("Failed") && "is-failure"], "aria-hidden": "true" }),
      h("span", { class: "timeline-text" },
        h("strong", { class: "timeline-label" }, eventLabel(event.type)),
        h("span", { class: "timeline-actor muted" }, this.actor(event)),
        this.detail(event) ? h("span", { class: "timeline-detail" }, this.detail(event)) : null),
    )));
  }
}
