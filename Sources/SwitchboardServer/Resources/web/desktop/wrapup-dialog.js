// The Wrap-up dialog (D3): after a call ends, the agent picks a wrap-up reason from a searchable
// list and submits. It opens by itself for each task that enters wrap-up; closing it leaves the
// Wrap up button in the Interaction Control pane. It closes when the task is wrapped up, here or in
// another tab of the same agent (K6).

import { h, replaceChildren } from "/lib/dom.js";
import { t } from "/lib/i18n.js";
import { describeError } from "./commands.js";

export class WrapUpDialog {
  /**
   * @param {import("./state.js").DesktopState} state
   * @param {() => Array<{id: string, code: string, name: string}>} reasons
   */
  constructor(state, reasons) {
    this.state = state;
    this.reasons = reasons;
    this.dialog = null;
    this.taskId = null;
    this.dismissed = new Set();
  }

  /** Opens for a task waiting for wrap-up that the agent has not dismissed; closes when none is left. */
  sync() {
    const waiting = [...this.state.tasks.values()].find((task) => task.status === "wrapup" && task.controls?.wrapup?.enabled);
    if (this.dialog && !this.state.tasks.get(this.taskId)?.controls?.wrapup?.enabled) this.close();
    if (!this.dialog && waiting && !this.dismissed.has(waiting.id)) this.open(waiting);
  }

  open(task) {
    this.close();
    this.taskId = task.id;
    this.dismissed.delete(task.id);
    this.choice = null;
    this.search = h("input", { type: "search", "aria-label": t("searchReasons"), placeholder: t("searchReasons"), autocomplete: "off" });
    this.search.addEventListener("input", () => this.renderList());
    this.list = h("div", { class: "reason-list", role: "radiogroup", "aria-labelledby": "wrapup-title" });
    this.error = h("p", { class: "form-error", role: "alert" });
    this.submit = h("button", { type: "submit", class: "button primary", disabled: true }, t("submitWrapUp"));
    const form = h("form", { method: "dialog" },
      h("div", { class: "dialog-head" },
        h("h2", { id: "wrapup-title" }, t("wrapUpReasons")),
        h("span", { class: "mono muted" }, task.ani ?? "")),
      h("div", { class: "dialog-body" }, this.search, this.list, this.error),
      h("div", { class: "dialog-foot" },
        h("button", { type: "button", class: "button", onclick: () => this.dismiss() }, t("close")),
        this.submit));
    form.addEventListener("submit", (event) => { event.preventDefault(); this.send(); });
    this.dialog = h("dialog", { class: "wrapup-dialog", "aria-labelledby": "wrapup-title" }, form);
    this.dialog.addEventListener("cancel", (event) => { event.preventDefault(); this.dismiss(); });
    document.body.append(this.dialog);
    this.renderList();
    this.dialog.showModal();
    this.search.focus();
  }

  /** Rebuilds an open dialog in the new language, keeping the search and the chosen reason. */
  relabel() {
    if (!this.dialog) return;
    const task = this.state.tasks.get(this.taskId);
    if (!task) return;
    const { choice } = this;
    const query = this.search.value;
    this.open(task);
    this.choice = choice;
    this.search.value = query;
    this.renderList();
  }

  renderList() {
    const query = this.search.value.trim().toLowerCase();
    const reasons = this.reasons().filter((reason) =>
      !query || reason.name.toLowerCase().includes(query) || reason.code.toLowerCase().includes(query));
    if (this.choice && !reasons.some((reason) => reason.id === this.choice)) this.choice = null;
    this.submit.disabled = !this.choice;
    replaceChildren(this.list, reasons.length === 0 ? h("p", { class: "muted" }, t("noMatches")) : reasons.map((reason) => {
      const input = h("input", { type: "radio", name: "wrapup-reason", value: reason.id, checked: reason.id === this.choice });
      input.addEventListener("change", () => { this.choice = reason.id; this.submit.disabled = false; });
      return h("label", { class: "reason-option" }, input, h("span", {}, reason.name), h("span", { class: "muted mono" }, reason.code));
    }));
  }

  async send() {
    if (!this.choice) return;
    this.submit.disabled = true;
    this.error.textContent = "";
    try {
      await this.state.command(() => this.state.api.post(`/v1/tasks/${encodeURIComponent(this.taskId)}/wrapup`, { reasonId: this.choice }));
      this.close();
    } catch (error) {
      this.error.textContent = t("failedAction", { action: t("submitWrapUp"), message: describeError(error) });
      this.submit.disabled = false;
    }
  }

  dismiss() {
    this.dismissed.add(this.taskId);
    this.close();
  }

  close() {
    if (this.dialog?.open) this.dialog.close();
    this.dialog?.remove();
    this.dialog = null;
  }
}
