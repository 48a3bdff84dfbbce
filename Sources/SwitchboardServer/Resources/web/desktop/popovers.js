// The request popovers (C1–C6) and the RONA popover (B2). Each offered task shows as a popover:
// "Connecting" while the contact is reserved, then "Contact request" (or "Consult request") with
// the status Ringing, the ring time left and the administrator's variables. A callback (C5, I3)
// shows its own label and icon, the time since it was received, and once the agent's phone is up
// the customer's phone ringing — or Cancel in its place for a web callback where enabled. Voice requests are
// answered on the phone (D1), so a popover shows an Accept button only where the server enables
// `accept` (digital channels, later). A preview campaign's contact (J2) shows the campaign's
// variables and the time left to choose, with Call (`accept`) and Skip (`decline`); once the
// agent calls, it is their outbound call. Requests stack earliest first; past five the stack reads
// "1-5 of N" and pages on. New requests are announced once in a live region.

import { h, replaceChildren } from "/lib/dom.js";
import { icon } from "/lib/icons.js";
import { t } from "/lib/i18n.js";
import { reasonText } from "./commands.js";
import { contactTypeLabel, customerLeg, variableLabel } from "./task-status.js";

const pageSize = 5;

export class Popovers {
  /**
   * @param {import("./state.js").DesktopState} state
   * @param {import("./commands.js").Commands} commands
   * @param {{idleReasons: () => Array<{id: string, name: string}>, setState: (state: string, reasonId?: string) => void}} agent
   */
  constructor(state, commands, agent) {
    this.state = state;
    this.commands = commands;
    this.agent = agent;
    this.page = 0;
    this.announced = new Set();
    this.shown = new Set();
    this.element = h("section", { class: "popover-stack", "aria-labelledby": "popover-stack-title" });
    this.announcer = h("div", { class: "visually-hidden", role: "status", "aria-live": "assertive" });
    document.body.append(this.announcer);
  }

  render() {
    const offers = this.state.offers();
    const rona = this.state.me?.state === "RONA";
    this.element.hidden = offers.length === 0 && !rona;
    const pages = Math.max(1, Math.ceil(offers.length / pageSize));
    this.page = Math.min(this.page, pages - 1);
    const from = this.page * pageSize;
    const shown = offers.slice(from, from + pageSize);
    const head = h("div", { class: "popover-stack-head" },
      h("h2", { id: "popover-stack-title", class: "visually-hidden" }, t("requests")),
      offers.length > pageSize ? this.pager(from, shown.length, offers.length, pages) : null);
    replaceChildren(this.element,
      rona ? this.ronaPopover() : null,
      head,
      shown.map((task) => this.popover(task)));
    // The RONA popover is an alert dialog: when it appears, the keyboard is on its first choice.
    if (rona && !this.ronaFocused) this.element.querySelector(".popover.rona button")?.focus();
    this.ronaFocused = rona;
    this.announce(offers);
  }

  pager(from, count, total, pages) {
    return h("div", { class: "pager" },
      h("span", { class: "range", "data-testid": "popover-range" }, t("rangeOf", { from: from + 1, to: from + count, total })),
      h("button", { type: "button", class: "icon-button", "aria-label": t("previousPage"), title: t("previousPage"), disabled: this.page === 0,
        "data-focus-key": "pager:previous", onclick: () => this.turnPage(-1, pages) }, "‹"),
      h("button", { type: "button", class: "icon-button", "aria-label": t("nextPage"), title: t("nextPage"), disabled: this.page >= pages - 1,
        "data-focus-key": "pager:next", onclick: () => this.turnPage(1, pages) }, "›"));
  }

  /** Shows the previous or next five; the keyboard stays on the pager (on the other key at either end). */
  turnPage(step, pages) {
    this.page += step;
    this.render();
    const atEnd = step > 0 ? this.page >= pages - 1 : this.page === 0;
    const key = (step > 0) !== atEnd ? "pager:next" : "pager:previous";
    this.element.querySelector(`[data-focus-key="${key}"]`)?.focus();
  }

  popover(task) {
    if (task.campaign?.preview) return this.previewPopover(task);
    const reserved = task.status === "reserved";
    const consult = task.contactType === "consult";
    const callback = task.callback ?? null;
    const outbound = task.contactType === "outbound";
    const titleKey = reserved ? "connecting" : consult ? "consultRequest" : callback ? "callbackRequest"
      : outbound ? "outboundCall" : "contactRequest";
    // I3, J2: the agent's phone is up and the customer's rings.
    const dialling = callback?.dialling || customerLeg(task)?.state === "ringing";
    const titleId = `popover-${task.id}`;
    const accept = consult ? "consultAccept" : "accept";
    const acceptControl = task.controls?.[accept];
    const entering = !this.shown.has(`${task.id}:${task.status}`);
    this.shown.add(`${task.id}:${task.status}`);
    return h("article", { class: ["popover", "card", reserved ? "reserved" : "offered", entering ? "entering" : ""], role: "group",
      tabindex: "-1",
      "aria-labelledby": titleId, dataset: { taskId: task.id } },
      h("header", { class: "popover-head" },
        h("span", { class: "channel-icon", "aria-hidden": "true" }, icon(consult ? "consult" : callback ? "callback" : "phone", 14)),
        h("h3", { id: titleId }, t(titleKey)),
        h("span", { class: "popover-type muted" }, callback?.kind === "web" ? t("webCallback") : contactTypeLabel(task))),
      h("div", { class: "popover-party" },
        h("span", { class: "popover-ani mono" }, task.ani ?? ""),
        callback?.name ? h("span", { class: "popover-name" }, callback.name) : null,
        task.queue ? h("span", { class: "muted" }, `${task.queue.name} · ${task.dnis ?? ""}`) : null),
      callback ? this.callbackLine(task, callback) : null,
      reserved ? h("p", { class: "popover-status" }, h("span", { class: "spinner", "aria-hidden": "true" }), t("connecting"))
        : this.ringingLine(task, callback, dialling),
      task.popoverVariables?.length ? h("dl", { class: "variables" },
        task.popoverVariables.map((variable) => [
          h("dt", {}, variableLabel(variable)),
          h("dd", {}, variable.value ?? t("empty")),
        ])) : null,
      acceptControl?.enabled
        ? h("div", { class: "popover-actions" }, this.commands.button(task, accept, "accept", { kind: "primary" }))
        : !reserved && !dialling
          ? h("p", { class: "popover-hint" }, icon("phone", 13),
            (callback || outbound) && !task.callId ? t("answerToCallBack") : reasonText(acceptControl) ?? t("answerOnPhone"))
          : null);
  }

  /** J2: a campaign contact to call or skip; nothing rings until Call. */
  previewPopover(task) {
    const titleId = `popover-${task.id}`;
    const entering = !this.shown.has(`${task.id}:preview`);
    this.shown.add(`${task.id}:preview`);
    return h("article", { class: ["popover", "card", "offered", "preview", entering ? "entering" : ""], role: "group",
      tabindex: "-1", "aria-labelledby": titleId, dataset: { taskId: task.id } },
      h("header", { class: "popover-head" },
        h("span", { class: "channel-icon", "aria-hidden": "true" }, icon("phone", 14)),
        h("h3", { id: titleId }, t("campaignPreview")),
        h("span", { class: "popover-type muted", "data-testid": "campaign-name" }, task.campaign.name)),
      h("div", { class: "popover-party" },
        h("span", { class: "popover-ani mono" }, task.ani ?? ""),
        task.dnis ? h("span", { class: "muted" }, `${t("callerId")}: ${task.dnis}`) : null),
      h("p", { class: "popover-status", "data-testid": "popover-status" },
        h("span", { class: "status-text" }, t("previewChoose")),
        task.ringDeadline ? h("span", { class: "countdown mono", title: t("previewTimeLeft"), "aria-label": t("previewTimeLeft"),
          dataset: { until: task.ringDeadline } }) : null),
      task.popoverVariables?.length ? h("dl", { class: "variables" },
        task.popoverVariables.map((variable) => [
          h("dt", {}, variable.label),
          h("dd", {}, variable.value || t("empty")),
        ])) : null,
      h("div", { class: "popover-actions" },
        this.commands.button(task, "accept", "callContact", { kind: "primary" }),
        this.commands.button(task, "decline", "skipContact")));
  }

  /**
   * Ringing, with the ring time left while the agent's phone rings. I3: once the agent's phone is
   * up for a callback the customer's phone rings, and where the server enables `cancel` (a web
   * callback, "end call for web callback" on) a Cancel control stands in its place.
   */
  ringingLine(task, callback, dialling) {
    // Cancel (a web callback) or End (the agent's outdial, J2) while the customer's phone rings.
    const giveUp = !dialling ? null : task.controls?.cancel?.enabled ? "cancel" : task.controls?.end?.enabled ? "end" : null;
    if (giveUp) {
      return h("div", { class: "popover-actions" },
        this.commands.button(task, giveUp, giveUp, { kind: "danger" }),
        h("span", { class: "muted" }, t("callingCustomer")));
    }
    return h("p", { class: "popover-status ringing", "data-testid": "popover-status" },
      h("span", { class: "ring-dot", "aria-hidden": "true" }),
      h("span", { class: "status-text" }, t("ringing")),
      dialling ? h("span", { class: "muted" }, t("callingCustomer")) : null,
      task.ringDeadline ? h("span", { class: "countdown mono", title: t("ringTimeLeft"), "aria-label": t("ringTimeLeft"),
        dataset: { until: task.ringDeadline } }) : null);
  }

  /** C5: the time since the agent received the callback, and which attempt this is (I4). */
  callbackLine(task, callback) {
    return h("p", { class: "popover-callback muted" },
      h("span", {}, t("timeSinceReceived"), " "),
      h("span", { class: "mono", dataset: { since: task.offeredAt } }),
      callback.unansweredAttempts > 0
        ? h("span", {}, ` · ${t("attemptOf", { attempt: callback.unansweredAttempts + 1, maximum: callback.maxAttempts })}`)
        : null);
  }

  ronaPopover() {
    const reasons = this.agent.idleReasons();
    return h("article", { class: "popover card rona", role: "alertdialog", "aria-labelledby": "rona-title",
      "aria-describedby": "rona-text" },
      h("header", { class: "popover-head" },
        h("span", { class: "state-dot", dataset: { state: "RONA" }, "aria-hidden": "true" }),
        h("h3", { id: "rona-title" }, t("ronaTitle"))),
      h("p", { id: "rona-text" }, t("ronaText")),
      h("div", { class: "popover-actions wrap" },
        h("button", { type: "button", class: "button primary", dataset: { state: "Available", focusKey: "rona:Available" },
          onclick: () => this.agent.setState("Available") }, t("available")),
        reasons.map((reason) => h("button", { type: "button", class: "button",
          dataset: { state: "Idle", reason: reason.id, focusKey: `rona:Idle:${reason.id}` },
          onclick: () => this.agent.setState("Idle", reason.id) }, t("idleWithReason", { reason: reason.name })))));
  }

  /** Brings a request's popover into view and focus (from the Task List). */
  focus(taskId) {
    const popover = this.element.querySelector(`[data-task-id="${CSS.escape(taskId)}"]`);
    popover?.scrollIntoView({ block: "nearest" });
    popover?.focus();
  }

  announce(offers) {
    const current = new Set(offers.map((task) => task.id));
    for (const task of offers) {
      if (this.announced.has(task.id) || task.status !== "offered") continue;
      this.announced.add(task.id);
      this.announcer.textContent = `${t(task.contactType === "consult" ? "consultRequest" : "contactRequest")}: ${task.ani ?? ""}`;
    }
    for (const id of this.announced) if (!current.has(id)) this.announced.delete(id);
    for (const key of this.shown) if (!current.has(key.split(":")[0])) this.shown.delete(key);
  }
}
