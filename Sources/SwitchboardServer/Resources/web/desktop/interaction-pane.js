// The Interaction Control pane (D1–D3, E2–E4, E9): the chosen call's summary with its timer and the
// status beside it, then one card per leg — the customer, and during a consult the consulted party
// (two panes, E3) — each with its buttons, and the call's variables (CAD, `call-data.js`). Every
// button's enabled state and tooltip come from the task's `controls` (K2). With no call, the pane
// says what happens next and offers an outbound call (J2, `outdial.js`). The summary and the legs are rebuilt on each render; the call-data
// section is kept and updated in place, so a field being typed in keeps its text, focus and caret.

import { h, replaceChildren } from "/lib/dom.js";
import { CallDataPanel } from "./call-data.js";
import { OutdialForm } from "./outdial.js";
import { icon } from "/lib/icons.js";
import { t } from "/lib/i18n.js";
import { consultLeg, contactTypeLabel, customerLeg, legStatusKey, taskStatusKey, timerStart } from "./task-status.js";

/** `shown` while the pane shows no call (task ids are never this). */
const placeholderShown = "placeholder";

export class InteractionPane {
  /**
   * @param {import("./state.js").DesktopState} state
   * @param {import("./commands.js").Commands} commands
   * @param {{selectedId: () => string|null, openTargets: (task: object, mode: "consult"|"transfer") => void,
   *          openWrapUp: (task: object) => void}} actions
   */
  constructor(state, commands, actions) {
    this.state = state;
    this.commands = commands;
    this.actions = actions;
    this.callData = new CallDataPanel(state);
    this.outdial = new OutdialForm(state);
    this.placeholderTexts = h("div", { class: "placeholder-texts" });
    this.title = h("h2", { id: "interaction-title" });
    this.head = h("div", { class: "pane-head" }, this.title);
    this.element = h("main", { class: "pane interaction-pane", "aria-labelledby": "interaction-title", id: "interaction" });
    /** The task whose body is shown, its rebuilt part and the host of its call-data section. */
    this.shown = null;
    this.live = null;
    this.cadHost = null;
  }

  render() {
    const id = this.actions.selectedId();
    const task = id ? this.state.tasks.get(id) : null;
    this.title.textContent = t("interactionControl");
    if (!task || task.status === "reserved" || task.status === "offered") {
      this.callData.prune();
      if (this.shown !== placeholderShown) {
        this.shown = placeholderShown;
        replaceChildren(this.element, this.head,
          h("div", { class: "pane-body placeholder" }, this.placeholderTexts, this.outdial.element));
      }
      replaceChildren(this.placeholderTexts, ...this.placeholder());
      this.outdial.update();
      return;
    }
    if (this.shown !== task.id) {
      this.shown = task.id;
      this.live = h("div", { class: "interaction-live" });
      this.cadHost = h("div", { class: "cad-host" });
      replaceChildren(this.element, this.head,
        h("div", { class: "pane-body interaction-body", dataset: { taskId: task.id } }, this.live, this.cadHost));
    }
    replaceChildren(this.live, this.summary(task), task.status === "wrapup" ? this.wrapUpBar(task) : this.legs(task));
    const section = this.callData.section(task);
    if (this.cadHost.firstChild !== section) replaceChildren(this.cadHost, section);
  }

  placeholder() {
    const ready = this.state.me?.state === "Available";
    return [
      h("div", { class: "placeholder-icon", "aria-hidden": "true" }, icon("phone", 32)),
      h("h3", {}, t("noInteraction")),
      h("p", { class: "muted" }, t(ready ? "readyHint" : "notReadyHint")),
      h("p", { class: "muted" }, t("noInteractionHint")),
    ];
  }

  summary(task) {
    const statusKey = taskStatusKey(task);
    return h("div", { class: "call-summary" },
      h("div", { class: "call-who" },
        h("span", { class: "call-type muted" }, contactTypeLabel(task)),
        h("span", { class: "call-ani mono" }, task.ani ?? ""),
        task.queue ? h("span", { class: "muted" }, `${t("queue")}: ${task.queue.name} · ${t("entryPoint")}: ${task.dnis ?? ""}`) : null),
      h("div", { class: "call-state" },
        h("span", { class: ["status-chip", `status-${statusKey}`], "data-testid": "call-status" }, t(statusKey)),
        h("span", { class: "timer big mono", dataset: { since: timerStart(task) }, "aria-label": t("callTimer") }),
        task.recording?.state === "recording"
          ? h("span", { class: "rec", title: t("recording"), "aria-label": t("recording") }, "● REC") : null,
        task.recording?.state === "paused"
          ? h("span", { class: "rec paused", title: t("recordingPaused") }, `○ ${t("recordingPaused")}`) : null,
        this.recordingControl(task)));
  }

  /**
   * G2, G3: Pause recording, or Resume recording while paused — whichever the server enables;
   * disabled with its reason during a consult or a conference. Without Privacy Shield, or on a call
   * not recorded, there is no such control at all.
   */
  recordingControl(task) {
    const pause = task.controls?.recordPause;
    const resume = task.controls?.recordResume;
    const absent = ["privacy_shield_disabled", "recording_off"];
    if (!pause || (!pause.enabled && absent.includes(pause.reason))) return null;
    const paused = resume?.enabled || (!pause.enabled && task.recording?.state === "paused");
    return paused
      ? this.commands.button(task, "recordResume", "resumeRecording", { kind: "primary" })
      : this.commands.button(task, "recordPause", "pauseRecording");
  }

  legs(task) {
    const customer = customerLeg(task);
    const consult = consultLeg(task);
    // K2: the button shown is the one the server enables (Resume when `unhold` is), the leg's state
    // only decides while both are disabled.
    const showsResume = (controls, resume, hold, legHeld) =>
      controls?.[resume]?.enabled || (!controls?.[hold]?.enabled && legHeld);
    const held = showsResume(task.controls, "unhold", "hold", customer?.state === "held");
    const customerCard = h("section", { class: "leg-card", "aria-labelledby": `leg-customer-${task.id}`, dataset: { leg: "customer" } },
      h("header", { class: "leg-head" },
        h("h3", { id: `leg-customer-${task.id}` }, t("customerLeg")),
        h("span", { class: "mono" }, customer?.party?.number ?? task.ani ?? ""),
        h("span", { class: ["leg-status", `status-${legStatusKey(customer) ?? "connected"}`] }, t(legStatusKey(customer) ?? "connected"))),
      h("div", { class: "controls", role: "group", "aria-label": t("customerLeg") },
        held ? this.commands.button(task, "unhold", "resume", { kind: "primary" }) : this.commands.button(task, "hold", "hold"),
        this.commands.button(task, "consult", "consult", { onClick: () => this.actions.openTargets(task, "consult") }),
        this.commands.button(task, "transfer", "transfer", { onClick: () => this.actions.openTargets(task, "transfer") }),
        this.commands.button(task, "end", "end", { kind: "danger" })));
    if (!consult) return h("div", { class: "legs" }, customerCard);
    const party = consult.party ?? {};
    const consultHeld = showsResume(task.controls, "consultUnhold", "consultHold", consult.state === "held");
    const consultCard = h("section", { class: "leg-card consult", "aria-labelledby": `leg-consult-${task.id}`, dataset: { leg: "consult" } },
      h("header", { class: "leg-head" },
        h("h3", { id: `leg-consult-${task.id}` }, party.name ?? t("consultLeg")),
        h("span", { class: "mono" }, party.number ?? ""),
        h("span", { class: ["leg-status", `status-${legStatusKey(consult)}`] }, t(legStatusKey(consult)))),
      h("div", { class: "controls", role: "group", "aria-label": party.name ?? t("consultLeg") },
        consultHeld ? this.commands.button(task, "consultUnhold", "resume", { kind: "primary" })
          : this.commands.button(task, "consultHold", "hold"),
        this.commands.button(task, "consultTransfer", "transfer"),
        this.commands.button(task, "consultConference", "conference"),
        this.commands.button(task, "consultEnd", "endConsult", { kind: "danger" })));
    return h("div", { class: "legs two" }, customerCard, consultCard);
  }

  wrapUpBar(task) {
    return h("div", { class: "wrapup-bar" },
      h("p", {}, t("wrapUpState")),
      this.commands.button(task, "wrapup", "wrapUp", { kind: "primary", onClick: () => this.actions.openWrapUp(task) }));
  }
}
