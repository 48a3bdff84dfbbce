// The call's variables in the Interaction Control pane (CAD, H1–H4, E8): editable fields with Save
// and Revert, the secure marker with "Click to reveal", a copy control on hover, a date-time picker.
//
// The pane re-renders on every event, so each task's section is built once and then updated in
// place: a field being typed in keeps its text, focus and caret while values change around it.
// What the agent typed (a draft) is kept per task until it is saved or reverted — a failed save
// loses nothing. Drafts remember the version they were made from and a save names it (If-Match),
// so when another agent saved first the server refuses it (409 `cad_conflict`): each drafted
// variable the other agent changed then shows the saved value and the agent is told (H4); drafts
// the other save did not touch are kept, and sent again at once when nothing else collided.

import { h, replaceChildren } from "/lib/dom.js";
import { icon } from "/lib/icons.js";
import { t } from "/lib/i18n.js";
import { toast } from "/lib/toast.js";
import { characterCount, copyText, displayValue, inputValue, maximumLength, problem, sameValue, wireValue } from "./call-data-values.js";
import { describeError, reasonText } from "./commands.js";

/** The masked form of a secure value, as the server sends it (H2). */
const mask = "********";

/** Each open task's call-data section, kept across renders. */
export class CallDataPanel {
  /** @param {import("./state.js").DesktopState} state */
  constructor(state) {
    this.state = state;
    /** taskId → CallDataEditor */
    this.editors = new Map();
  }

  /** Forgets the editors (drafts, revealed values) of tasks that are closed. */
  prune() {
    for (const id of [...this.editors.keys()]) {
      if (!this.state.tasks.has(id)) this.editors.delete(id);
    }
  }

  /** The section showing `task`'s variables, updated to the task (null when it has none). */
  section(task) {
    this.prune();
    if (!task.cad?.variables?.length) return null;
    let editor = this.editors.get(task.id);
    if (!editor) {
      editor = new CallDataEditor(this.state, task.id);
      this.editors.set(task.id, editor);
    }
    editor.update(task);
    return editor.element;
  }
}

/** One task's variables: its fields, drafts, revealed values and the outcome of the last save. */
class CallDataEditor {
  constructor(state, taskId) {
    this.state = state;
    this.api = state.api;
    this.taskId = taskId;
    this.task = null;
    /** name → the field's text the agent typed, not saved yet. */
    this.drafts = new Map();
    /** The saved values the drafts were made from: `{version, values: Map<name, value|null>}`. */
    this.base = null;
    /** Saved values newer than the task held (a conflict's or a save's answer, before its event). */
    this.latest = null;
    /** name → a message for the field: the server refused its value, or a date is incomplete. */
    this.fieldErrors = new Map();
    /** Drafts a conflict replaced with the other agent's saved value (H4). */
    this.replaced = new Set();
    /** name → a secure value this agent revealed (H2), shown until hidden or the task closes. */
    this.revealed = new Map();
    /** The footer's message: `{kind: "success"|"warning"|"error", text}`. */
    this.notice = null;
    this.saving = false;
    /** name → the row's elements. */
    this.rows = new Map();
    this.title = h("h3", { id: `cad-${taskId}` });
    this.list = h("dl", { class: "cad-fields" });
    this.footer = h("div", { class: "cad-footer" });
    this.element = h("section", { class: "cad", "aria-labelledby": `cad-${taskId}` }, this.title, this.list, this.footer);
  }

  /** Shows `task` (a new event, a language change); drafts and focus stay. */
  update(task) {
    this.task = task;
    if (this.latest && this.latest.version <= task.cad.version) this.latest = null;
    this.title.textContent = t("callVariables");
    const names = task.cad.variables.map((variable) => variable.name);
    if (names.join("\n") !== [...this.rows.keys()].join("\n")) {
      this.rows = new Map(names.map((name) => [name, this.makeRow(name)]));
      replaceChildren(this.list, [...this.rows.values()].map((row) => row.element));
    }
    for (const name of [...this.drafts.keys()]) {
      if (!names.includes(name)) this.drafts.delete(name);
    }
    for (const variable of task.cad.variables) this.updateRow(variable);
    this.updateFooter();
  }

  /** Updates after a change of this editor's own (typing, a save's outcome), keeping focus. */
  refresh() {
    const focusKey = document.activeElement?.dataset?.focusKey;
    if (this.task) this.update(this.task);
    if (focusKey && document.activeElement === document.body) {
      this.element.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
    }
  }

  variable(name) {
    return this.task.cad.variables.find((variable) => variable.name === name);
  }

  /** The saved values now: `{version, values: Map<name, value|null>}`. */
  saved() {
    if (this.latest) return this.latest;
    const values = new Map(this.task.cad.variables.map((variable) => [variable.name, variable.value ?? null]));
    return { version: this.task.cad.version, values };
  }

  /** The value the agent may read: a secure one only once revealed. */
  readableValue(variable) {
    if (variable.secure) return this.revealed.get(variable.name) ?? null;
    return this.saved().values.get(variable.name) ?? null;
  }

  /** H1, E8: the field takes typing (and a secure one only once revealed). */
  canEdit(variable) {
    return Boolean(this.task.cad.edit?.enabled && variable.editable && (!variable.secure || this.revealed.has(variable.name)));
  }

  makeRow(name) {
    const row = {
      label: h("dt", {}),
      fieldHost: h("div", { class: "cad-field" }),
      actions: h("div", { class: "cad-actions" }),
      message: h("p", { class: "cad-message", id: `cad-${this.taskId}-${name}-message`, "aria-live": "polite" }),
      input: null,
      mode: null,
      copy: null,
      reveal: null,
    };
    row.element = h("div", { class: "cad-row", dataset: { variable: name } },
      row.label, h("dd", {}, h("div", { class: "cad-value" }, row.fieldHost, row.actions), row.message));
    return row;
  }

  updateRow(variable) {
    const row = this.rows.get(variable.name);
    const inputId = `cad-${this.taskId}-${variable.name}`;
    replaceChildren(row.label, h("label", { for: inputId }, variable.label),
      variable.secure ? h("span", { class: "secure", title: t("secureVariable"), "aria-label": t("secureVariable"), role: "img" },
        icon("lock", 13)) : null);

    const editing = this.canEdit(variable);
    const drafted = this.drafts.has(variable.name);
    if (editing || drafted) {
      if (!row.input) row.input = this.makeInput(variable, inputId);
      if (row.mode !== "input") replaceChildren(row.fieldHost, row.input);
      if (row.input.tagName === "SELECT") this.labelOptions(row.input);
      const text = drafted ? this.drafts.get(variable.name) : inputValue(variable, this.readableValue(variable));
      if (row.input.value !== text) row.input.value = text;
      row.input.readOnly = !editing;
      if (row.input.tagName === "SELECT") row.input.disabled = !editing;
      row.mode = "input";
    } else {
      const value = variable.secure && !this.revealed.has(variable.name)
        ? (variable.value ? mask : null) : this.readableValue(variable);
      const empty = value === null || value === "";
      replaceChildren(row.fieldHost, h("span", { class: ["cad-text", empty ? "muted" : null, value === mask ? "mono" : null],
        id: inputId }, value === mask ? mask : displayValue(variable, value)));
      row.mode = "text";
    }

    const message = this.fieldMessage(variable);
    row.message.textContent = message?.text ?? "";
    row.message.className = ["cad-message", message?.kind].filter(Boolean).join(" ");
    if (row.mode === "input") {
      row.input.setAttribute("aria-invalid", message?.kind === "error" ? "true" : "false");
      row.input.setAttribute("aria-describedby", row.message.id);
    }
    this.updateCopy(variable, row);
    this.updateReveal(variable, row);
    if (row.actions.childElementCount === 0) replaceChildren(row.actions, row.copy, row.reveal);
  }

  /** The field's text input: a picker for datetime, Yes/No for boolean, text otherwise. */
  makeInput(variable, id) {
    const name = variable.name;
    let input;
    if (variable.type === "boolean") {
      input = h("select", {}, ["", "true", "false"].map((value) => h("option", { value })));
    } else if (variable.type === "datetime") {
      input = h("input", { type: "datetime-local", step: 1 });
    } else {
      input = h("input", { type: "text", inputmode: variable.type === "integer" ? "numeric" : null, spellcheck: "false" });
    }
    input.id = id;
    input.autocomplete = "off";
    input.dataset.focusKey = id;
    input.addEventListener("input", () => this.typed(name, input));
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && input.tagName === "INPUT") {
        event.preventDefault();
        this.save();
      } else if (event.key === "Escape" && this.drafts.has(name)) {
        event.preventDefault();
        this.revert([name]);
      }
    });
    return input;
  }

  labelOptions(select) {
    const labels = { "": t("empty"), true: t("yes"), false: t("no") };
    for (const option of select.options) option.textContent = labels[option.value];
  }

  /** Keeps what the agent typed as a draft (none when it is the saved value again). */
  typed(name, input) {
    const variable = this.variable(name);
    if (!variable || input.readOnly || input.disabled) return;
    const incomplete = Boolean(input.validity?.badInput);
    if (incomplete) this.fieldErrors.set(name, t("notDateTime"));
    else this.fieldErrors.delete(name);
    this.replaced.delete(name);
    const savedText = inputValue(variable, this.readableValue(variable));
    if (input.value === savedText && !incomplete) {
      this.drafts.delete(name);
    } else {
      if (this.drafts.size === 0) this.base = this.saved();
      this.drafts.set(name, input.value);
    }
    if (this.drafts.size === 0) this.base = null;
    if (this.notice?.kind === "success") this.notice = null;
    this.refresh();
  }

  /** What to say under a field: a refusal, a problem with the draft, or news of another agent's save. */
  fieldMessage(variable) {
    const name = variable.name;
    const refused = this.fieldErrors.get(name);
    if (refused) return { kind: "error", text: refused };
    if (this.replaced.has(name)) return { kind: "warning", text: t("replacedBySavedValue") };
    if (!this.drafts.has(name)) return null;
    const draft = wireValue(variable, this.drafts.get(name));
    const wrong = problem(variable, draft);
    if (wrong) return { kind: "error", text: wrong };
    const savedNow = this.saved().values.get(name) ?? null;
    if (this.base && !sameValue(variable, this.base.values.get(name), savedNow)) {
      return { kind: "warning", text: t("savedMeanwhile", { value: variable.secure ? mask : displayValue(variable, savedNow) }) };
    }
    const count = characterCount(draft);
    if (variable.type === "string" && count >= maximumLength - 56) {
      return { kind: "hint", text: t("characterCount", { count, maximum: maximumLength }) };
    }
    return null;
  }

  /** H3: a copy control (shown on hover and focus) for a value the agent can read. */
  updateCopy(variable, row) {
    row.copy ??= h("button", {
      type: "button", class: "icon-button copy", dataset: { focusKey: `cad-${this.taskId}-${variable.name}:copy` },
      onclick: () => this.copy(variable.name, row),
    }, icon("copy", 15));
    const label = t("copyValue", { label: variable.label });
    row.copy.title = label;
    row.copy.setAttribute("aria-label", label);
    row.copy.hidden = !this.copyText(variable, row);
  }

  /** The text the copy control copies: what the field shows (a datetime as saved, ISO 8601). */
  copyText(variable, row) {
    const text = row.mode === "input" ? wireValue(variable, row.input.value) : this.readableValue(variable);
    return text === null || text === undefined ? "" : String(text);
  }

  async copy(name, row) {
    const variable = this.variable(name);
    const text = variable ? this.copyText(variable, row) : "";
    if (!text) return;
    const copied = await copyText(text);
    toast(copied ? t("copied", { label: variable.label }) : t("copyFailed"), copied ? "info" : "error", 2500);
  }

  /** H2: "Click to reveal" a secure value (audited by the server), or Hide it again. */
  updateReveal(variable, row) {
    row.reveal ??= h("button", {
      type: "button", class: "button small reveal", dataset: { focusKey: `cad-${this.taskId}-${variable.name}:reveal` },
      onclick: () => this.toggleReveal(variable.name, row.reveal),
    });
    row.reveal.hidden = !variable.secure || !variable.value;
    if (this.revealed.has(variable.name)) {
      setEnabled(row.reveal, true, null);
      row.reveal.textContent = t("hideValue");
    } else {
      const control = this.task.cad.reveal ?? { enabled: false, reason: "task_closed" };
      setEnabled(row.reveal, control.enabled, reasonText(control));
      row.reveal.textContent = t("clickToReveal");
    }
  }

  toggleReveal(name, button) {
    if (button.getAttribute("aria-disabled") === "true" || button.dataset.busy) return;
    const variable = this.variable(name);
    if (!variable) return;
    if (this.revealed.has(name)) this.hide(name);
    else this.reveal(variable, button);
  }

  async reveal(variable, button) {
    button.dataset.busy = "1";
    try {
      const answer = await this.api.post(
        `/v1/tasks/${encodeURIComponent(this.taskId)}/cad/${encodeURIComponent(variable.name)}/reveal`, {});
      this.revealed.set(variable.name, answer.value);
    } catch (error) {
      toast(t("failedAction", { action: t("clickToReveal"), message: describeError(error) }), "error");
    } finally {
      delete button.dataset.busy;
    }
    this.refresh();
  }

  hide(name) {
    this.revealed.delete(name);
    this.drafts.delete(name);
    if (this.drafts.size === 0) this.base = null;
    this.refresh();
  }

  /** Save and Revert, and what became of the last save (or why the data is read only). */
  updateFooter() {
    const variables = this.task.cad.variables;
    const edit = this.task.cad.edit ?? { enabled: false, reason: "task_closed" };
    const anyEditable = variables.some((variable) => variable.editable);
    if (!anyEditable && this.drafts.size === 0) {
      replaceChildren(this.footer);
      return;
    }
    // The buttons are kept, not rebuilt: a click that blurs a field (which updates the section)
    // must still land on the button it was pressed on.
    this.saveButton ??= h("button", { type: "button", class: "button primary small",
      dataset: { focusKey: `cad-${this.taskId}:save`, action: "save" }, onclick: () => this.save() });
    this.revertButton ??= h("button", { type: "button", class: "button small",
      dataset: { focusKey: `cad-${this.taskId}:revert`, action: "revert" }, onclick: () => {
        if (this.drafts.size && !this.saving) this.revert();
      } });
    this.statusLine ??= h("p", { class: "cad-status", "data-testid": "cad-status" });
    const blocked = this.saveBlocker();
    setEnabled(this.saveButton, !blocked, blocked);
    this.saveButton.textContent = t(this.saving ? "saving" : "save");
    const revertable = this.drafts.size > 0 && !this.saving;
    setEnabled(this.revertButton, revertable, this.drafts.size ? null : t("noChanges"));
    this.revertButton.textContent = t("revert");
    const message = this.status(edit);
    this.statusLine.hidden = !message;
    this.statusLine.className = ["cad-status", message?.kind].filter(Boolean).join(" ");
    this.statusLine.setAttribute("role", message?.kind === "error" ? "alert" : "status");
    if (this.statusLine.textContent !== (message?.text ?? "")) this.statusLine.textContent = message?.text ?? "";
    if (this.footer.firstChild?.firstChild !== this.saveButton) {
      replaceChildren(this.footer, h("div", { class: "cad-buttons" }, this.saveButton, this.revertButton), this.statusLine);
    }
  }

  /** The footer's message: the last save's outcome, unsaved changes, or why the data is read only. */
  status(edit) {
    if (!edit.enabled && this.drafts.size) {
      return { kind: "warning", text: t("callDataUnsavable", { reason: reasonText(edit) }) };
    }
    if (!edit.enabled) return { kind: "muted", text: t("callDataReadOnly", { reason: reasonText(edit) }) };
    if (this.notice) return this.notice;
    if (this.drafts.size) return { kind: "muted", text: t("unsavedChanges") };
    return null;
  }

  /** Why Save cannot be pressed now, or null. */
  saveBlocker() {
    const edit = this.task.cad.edit ?? { enabled: false, reason: "task_closed" };
    if (!edit.enabled) return reasonText(edit);
    if (this.saving) return t("saving");
    if (this.drafts.size === 0) return t("noChanges");
    for (const name of this.drafts.keys()) {
      const variable = this.variable(name);
      if (this.fieldErrors.has(name) || problem(variable, wireValue(variable, this.drafts.get(name)))) return t("fixValues");
    }
    return null;
  }

  /** H3: brings back the saved values (of the named variables, or all). */
  revert(names = [...this.drafts.keys()]) {
    for (const name of names) {
      this.drafts.delete(name);
      this.fieldErrors.delete(name);
    }
    if (this.drafts.size === 0) {
      this.base = null;
      this.replaced.clear();
    }
    this.notice = null;
    this.refresh();
  }

  /** H3, H4: saves the drafts; a conflict that touched none of them is sent again once. */
  async save() {
    if (this.saveBlocker()) return;
    this.saving = true;
    this.notice = null;
    this.refresh();
    try {
      for (let attempt = 0; attempt < 2 && this.drafts.size; attempt += 1) {
        if ((await this.send()) !== "again") break;
      }
    } finally {
      this.saving = false;
      this.refresh();
    }
  }

  /** One PATCH of the drafts from the version they were made from; answers "again" to resend. */
  async send() {
    const sent = new Map(this.drafts);
    const values = Object.fromEntries([...sent].map(([name, text]) => [name, wireValue(this.variable(name), text)]));
    try {
      const task = await this.state.command(() => this.api.patch(`/v1/tasks/${encodeURIComponent(this.taskId)}/cad`,
        { values }, { headers: { "If-Match": String(this.base.version) } }));
      // What was typed while the save was on its way stays a draft.
      for (const [name, text] of sent) {
        if (this.drafts.get(name) === text) this.drafts.delete(name);
      }
      if (task?.cad && task.cad.version > (this.task.cad.version ?? 0)) {
        this.latest = { version: task.cad.version, values: new Map(task.cad.variables.map((v) => [v.name, v.value ?? null])) };
      }
      this.base = this.drafts.size ? this.saved() : null;
      this.replaced.clear();
      this.notice = { kind: "success", text: t("callDataSaved") };
      return "done";
    } catch (error) {
      if (error.code === "cad_conflict" && error.details?.values) return this.conflict(error.details);
      const field = error.details?.field;
      if (typeof field === "string" && field.startsWith("values.")) this.fieldErrors.set(field.slice(7), describeError(error));
      this.notice = { kind: "error", text: t("callDataNotSaved", { message: describeError(error) }) };
      return "done";
    }
  }

  /** H4: another agent saved first. Drafts of what they changed give way to their values. */
  conflict(details) {
    const current = new Map(Object.entries(details.values).map(([name, value]) => [name, value ?? null]));
    const replaced = [];
    for (const name of [...this.drafts.keys()]) {
      const variable = this.variable(name);
      if (!sameValue(variable, current.get(name), this.base.values.get(name))) {
        this.drafts.delete(name);
        this.fieldErrors.delete(name);
        this.replaced.add(name);
        replaced.push(variable.label);
      }
    }
    this.latest = details.version > this.task.cad.version ? { version: details.version, values: current } : null;
    this.base = this.drafts.size ? { version: details.version, values: current } : null;
    if (replaced.length === 0) return "again";
    const kept = this.drafts.size ? ` ${t("callDataConflictKept")}` : "";
    this.notice = { kind: "warning", text: t("callDataConflict", { fields: replaced.join(", ") }) + kept };
    return "done";
  }
}

/** A button's enabled state as the desktop shows it: focusable while disabled, the reason as its tooltip. */
function setEnabled(button, enabled, reason) {
  if (enabled) button.removeAttribute("aria-disabled");
  else button.setAttribute("aria-disabled", "true");
  if (reason) button.title = reason;
  else button.removeAttribute("title");
}
