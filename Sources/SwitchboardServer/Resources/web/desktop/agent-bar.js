// The desktop's header: the agent's state with its coloured icon and time in state, the state
// selector (Available, or Idle with a reason; B1, B4), the live connection indicator, the language,
// and the agent menu with Log out (refused with the server's message while an offer shows, B3) and
// Sign out. RONA, Engaged and Wrap-up show as the current state; choosing a state then sets the
// state that follows the work (B4), shown as "Next: …".

import { h, replaceChildren } from "/lib/dom.js";
import { icon } from "/lib/icons.js";
import { t, languagePicker } from "/lib/i18n.js";

const choosableStates = ["Available", "Idle"];
const stateKeys = { Available: "available", Idle: "idle", RONA: "rona", Engaged: "engaged", WrapUp: "wrapUpState", LoggedOut: "loggedOut" };

export class AgentBar {
  /**
   * @param {import("./state.js").DesktopState} state
   * @param {{idleReasons: () => Array<{id: string, name: string}>, setState: (state: string, reasonId?: string) => Promise<void>,
   *          logOut: () => Promise<void>, signOut: () => void, toggleTaskList: () => void, taskListHidden: () => boolean}} actions
   */
  constructor(state, actions) {
    this.state = state;
    this.actions = actions;
    this.connection = h("span", { class: "connection", role: "status", dataset: { status: "connecting" } });
    this.stateTimer = h("span", { class: "timer mono state-timer" });
    this.select = h("select", { class: "state-select", id: "state-select" });
    this.select.addEventListener("change", () => this.changed());
    this.stateDot = h("span", { class: "state-dot", "aria-hidden": "true" });
    this.next = h("span", { class: "next-state" });
    this.taskListToggle = h("button", { type: "button", class: "icon-button header-icon",
      onclick: () => actions.toggleTaskList() }, icon("menu", 20));
    this.menu = h("details", { class: "agent-menu" });
    this.menu.addEventListener("toggle", () => { if (!this.menu.open) this.logoutError = null; });
    // The menu closes like any menu: a click elsewhere or Escape.
    document.addEventListener("click", (event) => { if (this.menu.open && !this.menu.contains(event.target)) this.menu.open = false; });
    this.menu.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !this.menu.open) return;
      this.menu.open = false;
      this.menu.querySelector("summary").focus();
    });
    this.language = languagePicker();
    this.element = h("header", { class: "app-header desktop-header" },
      this.taskListToggle,
      h("span", { class: "brand" }, "Switchboard"),
      h("span", { class: "page-name" }),
      h("span", { class: "spacer" }),
      h("div", { class: "state-control" },
        this.stateDot,
        h("label", { class: "visually-hidden", for: "state-select" }),
        this.select,
        this.stateTimer,
        this.next),
      this.connection,
      this.language,
      this.menu);
  }

  setConnection(status) {
    this.connection.dataset.status = status;
    this.renderConnection();
  }

  renderConnection() {
    const key = { live: "connectionLive", connecting: "connectionConnecting", offline: "connectionOffline" };
    this.connection.textContent = t(key[this.connection.dataset.status]);
  }

  render() {
    const me = this.state.me;
    if (this.logoutError && this.state.offers().length === 0) this.logoutError = null;
    this.element.querySelector(".page-name").textContent = t("agentDesktop");
    this.renderConnection();
    this.element.querySelector('label[for="state-select"]').textContent = t("agentState");
    this.select.setAttribute("aria-label", t("agentState"));
    const hidden = this.actions.taskListHidden();
    this.taskListToggle.setAttribute("aria-label", t(hidden ? "showTaskList" : "hideTaskList"));
    this.taskListToggle.title = t(hidden ? "showTaskList" : "hideTaskList");
    this.taskListToggle.setAttribute("aria-expanded", String(!hidden));
    this.stateDot.dataset.state = me.state;
    this.stateTimer.dataset.since = me.stateSince;
    this.element.dataset.agentState = me.state;

    const reasons = this.actions.idleReasons();
    const current = me.state === "Idle" ? `Idle:${me.idleReasonId}` : me.state;
    // PUT /v1/me/state takes Available or Idle; any other state shown is the work's, not a choice.
    const working = !choosableStates.includes(me.state);
    const options = [];
    if (working) options.push(h("option", { value: me.state, disabled: true }, t(stateKeys[me.state] ?? me.state)));
    options.push(h("option", { value: "Available" }, t("available")));
    for (const reason of reasons) options.push(h("option", { value: `Idle:${reason.id}` }, t("idleWithReason", { reason: reason.name })));
    replaceChildren(this.select, options);
    this.select.value = current;
    // The server says which state applies after the work (B4): the one chosen, when it is not the one shown.
    const showNext = Boolean(me.chosenState) && (me.chosenState !== me.state
      || (me.state === "Idle" && me.chosenIdleReasonId !== me.idleReasonId));
    this.next.textContent = showNext ? t("nextState", { state: this.stateLabel(me.chosenState, me.chosenIdleReasonId) }) : "";
    this.next.hidden = !showNext;

    replaceChildren(this.menu,
      h("summary", { class: "button small agent-name", "data-focus-key": "menu:open" }, me.name),
      h("div", { class: "menu card" },
        h("p", { class: "muted" }, me.teamId ? t("currentTeam", {
          team: me.teams.find((team) => team.id === me.teamId)?.name ?? me.teamId, dialNumber: me.dialNumber }) : ""),
        h("p", { class: "form-error logout-message", role: "alert" }, this.logoutError ?? ""),
        h("button", { type: "button", class: "button", "data-action": "logout", "data-focus-key": "menu:logout",
          onclick: () => this.logOut() }, t("logOut")),
        h("button", { type: "button", class: "button ghost", "data-action": "signout", "data-focus-key": "menu:signout",
          onclick: () => this.actions.signOut() }, t("signOut"))));
  }

  stateLabel(state, reasonId) {
    if (state === "Idle") {
      const reason = this.actions.idleReasons().find((item) => item.id === reasonId);
      return reason ? t("idleWithReason", { reason: reason.name }) : t("idle");
    }
    return t(stateKeys[state] ?? state);
  }

  async changed() {
    const [state, reasonId] = this.select.value.split(":");
    await this.actions.setState(state, reasonId);
    this.render();
  }

  async logOut() {
    this.logoutError = null;
    this.logoutError = await this.actions.logOut();
    if (this.logoutError) {
      this.menu.open = true;
      this.menu.querySelector(".logout-message").textContent = this.logoutError;
    }
  }
}
