// The Agent Desktop's bootstrap: sign in (role agent), station login when logged out, then the
// desktop — header, Task List with the request popovers, Interaction Control pane and the simulated
// phone — all rendered from one model. The model is rebuilt from `GET /v1/me` and then follows the
// event stream from that snapshot's `seq` (K1), which reconnects by itself; every tab of the agent
// does the same and so shows the same state (K6). Sign-out in one tab signs out all of them.

import "./strings.js";
import { EventStream } from "/lib/events.js";
import { h, elapsed } from "/lib/dom.js";
import { t, applyTranslations, language, onLanguageChange } from "/lib/i18n.js";
import { Session, onSessionEnd, signIn } from "/lib/session.js";
import { toast } from "/lib/toast.js";
import { AgentBar } from "./agent-bar.js";
import { Commands, describeError } from "./commands.js";
import { InteractionPane } from "./interaction-pane.js";
import { Phone } from "./phone.js";
import { Popovers } from "./popovers.js";
import { DesktopState, offerStatuses } from "./state.js";
import { stationLogin } from "./station-login.js";
import { TargetDialog } from "./target-dialog.js";
import { TaskList } from "./task-list.js";
import { taskStatusKey } from "./task-status.js";
import { WrapUpDialog } from "./wrapup-dialog.js";

const page = "desktop";
const root = document.getElementById("app");
const taskListKey = "switchboard.desktop.taskListHidden";

onSessionEnd(page, () => location.reload());
document.documentElement.lang = language();
applyTranslations();
start();

async function start() {
  const session = Session.restore(page) ?? await signIn(root, { page, titleKey: "agentDesktop", roles: ["agent"] });
  const state = new DesktopState(session.api);
  try {
    await state.load();
  } catch (error) {
    root.replaceChildren(h("main", { class: "sign-in-page" }, h("p", { class: "form-error", role: "alert" }, describeError(error))));
    return;
  }
  if (state.me.state === "LoggedOut") await stationLogin(root, state, { onSignOut: () => session.end() });
  new Desktop(session, state).start();
}

/** The signed-in, station-logged-in desktop. */
class Desktop {
  constructor(session, state) {
    this.session = session;
    this.state = state;
    this.commands = new Commands(state);
    this.idleReasons = [];
    this.wrapUpReasons = [];
    this.selected = null;
    this.renderQueued = false;
    this.taskListHidden = localStorage.getItem(taskListKey) === "true";

    const agent = {
      idleReasons: () => this.idleReasons,
      setState: (value, reasonId) => this.setState(value, reasonId),
      logOut: () => this.logOut(),
      signOut: () => this.signOut(),
      toggleTaskList: () => this.toggleTaskList(),
      taskListHidden: () => this.taskListHidden,
    };
    this.bar = new AgentBar(state, agent);
    this.popovers = new Popovers(state, this.commands, agent);
    this.taskList = new TaskList(state, { selectedId: () => this.selectedId(), select: (id) => this.select(id) });
    this.targetDialog = new TargetDialog(state);
    this.wrapUpDialog = new WrapUpDialog(state, () => this.wrapUpReasons);
    this.pane = new InteractionPane(state, this.commands, {
      selectedId: () => this.selectedId(),
      openTargets: (task, mode) => this.targetDialog.open(task, mode),
      openWrapUp: async (task) => {
        if (this.wrapUpReasons.length === 0) await this.loadReasons();
        this.wrapUpDialog.open(task);
      },
    });
    this.phone = new Phone(state);
    this.floatingHost = h("div", { class: "popover-floating" });
    // One persistent live region says each change of the shown call's status (the pane re-renders).
    this.announcer = h("div", { class: "visually-hidden", role: "status", "aria-live": "polite" });
    this.announced = null;
  }

  async start() {
    root.replaceChildren(this.bar.element, h("div", { class: "workspace", dataset: { taskList: this.taskListHidden ? "hidden" : "shown" } },
      this.taskList.element, this.pane.element, h("div", { class: "side" }, this.phone.element)), this.floatingHost,
    this.announcer);
    this.placePopovers();
    await this.loadReasons();
    this.state.onChange((event) => this.changed(event));
    this.stream = new EventStream({
      token: this.session.token,
      since: this.state.seq,
      onEvent: (event) => this.state.apply(event),
      onStatus: (status) => this.bar.setConnection(status),
      onUnauthorized: () => this.session.end(),
    });
    this.stream.start();
    onLanguageChange(() => {
      this.targetDialog.relabel();
      this.wrapUpDialog.relabel();
      this.render();
    });
    setInterval(() => this.tick(), 1000);
    this.render();
    this.phone.refresh();
  }

  /** The team's idle and wrap-up reasons; a failure is said, and retried when they are next needed. */
  async loadReasons() {
    try {
      const [idle, wrapUp] = await Promise.all([
        this.session.api.get("/v1/me/idle-reasons"),
        this.session.api.get("/v1/me/wrapup-reasons"),
      ]);
      this.idleReasons = idle.items;
      this.wrapUpReasons = wrapUp.items;
    } catch (error) {
      toast(t("reasonsUnavailable", { message: describeError(error) }), "error");
    }
  }

  changed(event) {
    if (this.state.me.state === "LoggedOut") {
      // Logged out here or in another tab: back to station login, then a fresh snapshot.
      this.stream.stop();
      location.reload();
      return;
    }
    if (event?.taskId && ["AgentContactAssigned", "AgentConsulting"].includes(event.type)) this.selected = event.taskId;
    if (event?.type === "CallbackAttemptFailed") this.callbackAttemptFailed(event);
    // A refused consult command (its failure event has the error's `code`) is told where it was
    // given; this toast is for a consult that failed later (no answer, busy, unreachable).
    if (event?.type === "AgentConsultFailed" && !event.data?.code) {
      const reason = event.data?.reason;
      const key = `failure.${reason}`;
      toast(t("consultFailed", { reason: t(key) === key ? reason : t(key) }), "error", 10000);
    }
    if (event?.taskId && event.data?.status === "closed" && event.data.closeReason
      && !["wrapped_up", "rona", "customer_no_answer", "callback_abandoned"].includes(event.data.closeReason)) {
      toast(t("lastReason", { reason: t(`close.${event.data.closeReason}`) }));
    }
    if (event === null || event.taskId || event.type === "AgentStationLogin") this.phone.refresh();
    this.scheduleRender();
  }

  /** I4: the customer did not answer the callback; say when it is tried again, or that it has ended. */
  callbackAttemptFailed(event) {
    const data = event.data ?? {};
    const number = data.ani ?? "";
    if (data.reason === "abandoned") {
      toast(t("callbackAbandoned", { number }));
      return;
    }
    if (data.reason?.endsWith("_call_limit")) {
      // J1: a limit was reached before the customer could be dialled; the callback waits for room.
      toast(t("callbackHeldByLimit", { number, code: t(`limitCode.${data.reason}`) }), "error", 10000);
      return;
    }
    const reason = t(`callbackOutcome.${data.reason}`);
    const time = data.retryAt ? new Date(data.retryAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : null;
    toast(time ? t("callbackAttemptRetry", { number, reason, time }) : t("callbackAttemptEnded", { number, reason }), "info", 10000);
  }

  scheduleRender() {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      this.render();
    });
  }

  render() {
    const focusKey = document.activeElement?.dataset?.focusKey;
    document.title = `${t("agentDesktop")} · Switchboard`;
    this.bar.render();
    this.popovers.render();
    this.taskList.render();
    this.pane.render();
    this.phone.render();
    this.targetDialog.sync();
    this.wrapUpDialog.sync();
    this.tick();
    this.announceStatus();
    if (focusKey && document.activeElement === document.body) {
      document.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
    }
  }

  announceStatus() {
    const task = this.state.tasks.get(this.selectedId() ?? "");
    const status = task ? `${task.id}:${taskStatusKey(task)}` : null;
    if (status === this.announced) return;
    this.announced = status;
    if (task) this.announcer.textContent = `${task.ani ?? ""}: ${t(taskStatusKey(task))}`;
  }

  /** Updates every timer (`data-since`: time since; `data-until`: time left). */
  tick() {
    const now = Date.now();
    for (const element of document.querySelectorAll("[data-since]")) element.textContent = elapsed(element.dataset.since, now);
    for (const element of document.querySelectorAll("[data-until]")) {
      element.textContent = elapsed(new Date(now).toISOString(), Date.parse(element.dataset.until));
    }
  }

  /** The task in the Interaction Control pane: the agent's pick while it lasts, else the earliest call. */
  selectedId() {
    const task = this.selected ? this.state.tasks.get(this.selected) : null;
    if (task && !offerStatuses.has(task.status)) return task.id;
    return this.state.interactions()[0]?.id ?? null;
  }

  /** Shows a call in the Interaction Control pane, or brings an offer's popover forward. */
  select(id) {
    const task = this.state.tasks.get(id);
    if (task && offerStatuses.has(task.status)) {
      this.popovers.focus(id);
      return;
    }
    this.selected = id;
    this.render();
  }

  toggleTaskList() {
    this.taskListHidden = !this.taskListHidden;
    localStorage.setItem(taskListKey, String(this.taskListHidden));
    root.querySelector(".workspace").dataset.taskList = this.taskListHidden ? "hidden" : "shown";
    this.placePopovers();
    this.render();
  }

  /** C7: popovers sit on top of the Task List, or at the bottom right when it is hidden. */
  placePopovers() {
    (this.taskListHidden ? this.floatingHost : this.taskList.popoverHost).append(this.popovers.element);
  }

  async setState(value, reasonId) {
    const body = value === "Idle" ? { state: "Idle", idleReasonId: reasonId } : { state: value };
    await this.commands.run("agentState", () => this.session.api.put("/v1/me/state", body));
  }

  /** Answers null when logged out, or the message to show (B3: refused while an offer shows). */
  async logOut() {
    try {
      await this.state.command(() => this.session.api.post("/v1/me/logout", {}));
      return null;
    } catch (error) {
      return error.code === "logout_blocked_by_offer" ? t("logoutBlocked") : describeError(error);
    }
  }

  signOut() {
    this.stream?.stop();
    this.session.end();
  }
}
