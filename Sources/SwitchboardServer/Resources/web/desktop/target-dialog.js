// The Consult and Transfer dialogs (E1, E6, E7): tabs Agent, Queue/Entry point, Dial number and
// Organization over `GET /v1/me/consult-targets` or `/v1/me/transfer-targets`. Agents carry a
// coloured state icon, the address book puts names beside numbers, a typed or pasted dial number is
// cleaned as F1 says (with a message when characters were dropped), every list can be searched and
// the refresh button reloads them all. Picking a target and pressing Consult (or Transfer) sends the
// command; a failure stays in the dialog with the server's reason.

import { h, replaceChildren } from "/lib/dom.js";
import { t } from "/lib/i18n.js";
import { isValidDialNumber, sanitizeInput } from "/lib/dialnumber.js";
import { icon } from "/lib/icons.js";
import { describeError } from "./commands.js";

const tabs = [
  { id: "agent", labelKey: "tabAgent", types: ["agent"], searchKey: "searchAgents" },
  { id: "queue", labelKey: "tabQueue", types: ["queue", "entryPoint"], searchKey: "searchQueues" },
  { id: "dialNumber", labelKey: "tabDialNumber", types: ["dialNumber"], searchKey: "typeDialNumber" },
  { id: "expert", labelKey: "tabOrganization", types: ["expert"], searchKey: "searchExperts" },
];

export class TargetDialog {
  /** @param {import("./state.js").DesktopState} state */
  constructor(state) {
    this.state = state;
    this.api = state.api;
    this.dialog = null;
  }

  /** Opens the dialog for `task`; `mode` "consult" or "transfer". */
  open(task, mode) {
    this.close();
    this.task = task;
    this.mode = mode;
    this.choice = null;
    this.activeTab = "agent";
    this.queries = {};
    this.searchTimer = null;
    this.generation = 0;
    const titleKey = mode === "consult" ? "consultDialogTitle" : "transferDialogTitle";
    this.tabButtons = tabs.map((tab) => h("button", {
      type: "button", role: "tab", id: `target-tab-${tab.id}`, "aria-controls": "target-panel",
      dataset: { tab: tab.id }, onclick: () => this.selectTab(tab.id),
    }, t(tab.labelKey)));
    this.search = h("input", { type: "search", class: "target-search", autocomplete: "off", spellcheck: false });
    this.search.addEventListener("input", () => this.searchChanged());
    this.search.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowDown") return;
      event.preventDefault();
      this.list.querySelector('[role="option"]')?.focus();
    });
    this.notice = h("p", { class: "form-hint target-notice", role: "status", "aria-live": "polite" });
    this.matchName = h("span", { class: "match-name", "aria-live": "polite" });
    this.list = h("div", { class: "target-list", role: "listbox", "aria-labelledby": "target-dialog-title" });
    this.list.addEventListener("keydown", (event) => this.listKeys(event));
    this.error = h("p", { class: "form-error", role: "alert" });
    this.confirm = h("button", { type: "button", class: "button primary", disabled: true, onclick: () => this.send() },
      t(mode === "consult" ? "consult" : "transfer"));
    this.dialog = h("dialog", { class: "target-dialog", "aria-labelledby": "target-dialog-title" },
      h("div", { class: "dialog-head" },
        h("h2", { id: "target-dialog-title" }, t(titleKey)),
        h("div", { class: "head-actions" },
          h("button", { type: "button", class: "icon-button", title: t("refresh"), "aria-label": t("refresh"),
            "data-action": "refresh", onclick: () => this.load() }, icon("refresh", 16)),
          h("button", { type: "button", class: "icon-button", title: t("close"), "aria-label": t("close"),
            onclick: () => this.close() }, icon("close", 16)))),
      h("div", { class: "dialog-body" },
        h("div", { class: "tabs", role: "tablist" }, this.tabButtons),
        h("div", { id: "target-panel", role: "tabpanel" },
          h("label", { class: "field search-field" }, h("span", { class: "search-label" }),
            h("span", { class: "search-row" }, this.search, this.matchName)),
          this.notice,
          this.list),
        this.error),
      h("div", { class: "dialog-foot" },
        h("button", { type: "button", class: "button", onclick: () => this.close() }, t("cancel")),
        this.confirm));
    const dialog = this.dialog;
    dialog.addEventListener("close", () => {
      dialog.remove();
      if (this.dialog === dialog) this.dialog = null;
    });
    // Escape closes at once, even from a search field (which would otherwise only clear itself).
    this.dialog.addEventListener("keydown", (event) => { if (event.key === "Escape") { event.preventDefault(); this.close(); } });
    this.dialog.querySelector('[role="tablist"]').addEventListener("keydown", (event) => this.tabKeys(event));
    document.body.append(this.dialog);
    this.dialog.showModal();
    this.selectTab("agent");
    this.search.focus();
  }

  close() {
    clearTimeout(this.searchTimer);
    if (this.dialog?.open) this.dialog.close();
    this.dialog?.remove();
    this.dialog = null;
  }

  /** Rebuilds an open dialog in the new language, on the same tab with the same searches. */
  relabel() {
    if (!this.dialog) return;
    const { task, mode, activeTab, queries } = this;
    this.open(task, mode);
    this.queries = queries;
    this.selectTab(activeTab);
  }

  /** Closes the dialog when its task is gone or no longer allows the command. */
  sync() {
    if (!this.dialog) return;
    const task = this.state.tasks.get(this.task.id);
    if (!task || !task.controls?.[this.mode]?.enabled) this.close();
  }

  tabKeys(event) {
    const index = tabs.findIndex((tab) => tab.id === this.activeTab);
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length];
    this.selectTab(next.id);
    this.tabButtons.find((button) => button.dataset.tab === next.id).focus();
  }

  /** Up and Down move between the targets; Enter on one picks it (a button press). */
  listKeys(event) {
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (!step) return;
    const options = [...this.list.querySelectorAll('[role="option"]')];
    const index = options.indexOf(document.activeElement);
    const next = options[Math.max(0, Math.min(options.length - 1, index + step))];
    if (!next) return;
    event.preventDefault();
    next.focus();
  }

  selectTab(id) {
    this.activeTab = id;
    const tab = tabs.find((item) => item.id === id);
    for (const button of this.tabButtons) {
      const selected = button.dataset.tab === id;
      button.setAttribute("aria-selected", String(selected));
      button.tabIndex = selected ? 0 : -1;
    }
    this.dialog.querySelector("#target-panel").setAttribute("aria-labelledby", `target-tab-${id}`);
    this.dialog.querySelector(".search-label").textContent = t(tab.searchKey);
    this.search.value = this.queries[id] ?? "";
    this.search.type = id === "dialNumber" ? "tel" : "search";
    this.search.inputMode = id === "dialNumber" ? "tel" : "search";
    this.search.removeAttribute("aria-invalid");
    this.search.dataset.kind = id;
    this.notice.textContent = id === "dialNumber" ? t("dialNumberHint") : "";
    this.matchName.textContent = "";
    this.sanitizedNotice = false;
    this.setChoice(null);
    this.error.textContent = "";
    this.load();
  }

  searchChanged() {
    if (this.activeTab === "dialNumber") this.dialNumberTyped(sanitizeInput(this.search));
    this.queries[this.activeTab] = this.search.value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.load(), 200);
  }

  /** F1: the number is cleaned as it is typed or pasted; a valid one is the target unless one is picked. */
  dialNumberTyped(removed) {
    const number = this.search.value;
    const valid = isValidDialNumber(number);
    this.search.setAttribute("aria-invalid", String(number.length > 0 && !valid));
    if (removed) this.sanitizedNotice = true;
    if (!number) this.sanitizedNotice = false;
    this.notice.textContent = this.sanitizedNotice ? t("dialNumberSanitized")
      : number && !valid ? t("dialNumberInvalid") : t("dialNumberHint");
    this.matchName.textContent = "";
    this.setChoice(valid ? { to: { type: "dialNumber", number }, key: `typed:${number}` } : null);
  }

  async load() {
    const generation = ++this.generation;
    const tab = tabs.find((item) => item.id === this.activeTab);
    const query = this.activeTab === "dialNumber" ? this.search.value.replace(/[^0-9+#*:]/g, "") : this.search.value.trim();
    this.list.setAttribute("aria-busy", "true");
    if (!this.list.childElementCount) replaceChildren(this.list, h("p", { class: "muted list-note" }, t("loading")));
    const base = this.mode === "consult" ? "/v1/me/consult-targets" : "/v1/me/transfer-targets";
    try {
      const answers = await Promise.all(tab.types.map((type) =>
        this.api.get(`${base}?${new URLSearchParams({ type, q: query })}`)));
      if (generation !== this.generation || !this.dialog) return;
      this.renderList(answers.flatMap((answer) => answer.items));
    } catch (error) {
      if (generation !== this.generation || !this.dialog) return;
      replaceChildren(this.list, h("p", { class: "form-error list-note" }, t("listFailed", { message: describeError(error) })));
    } finally {
      this.list.removeAttribute("aria-busy");
    }
  }

  renderList(items) {
    if (this.activeTab === "dialNumber") this.showAddressBookName(items);
    if (items.length === 0) {
      replaceChildren(this.list, h("p", { class: "muted list-note" }, this.activeTab === "agent" ? t("noAgentsFound") : t("noMatches")));
      return;
    }
    let lastType = null;
    const rows = [];
    for (const item of items) {
      if (this.activeTab === "queue" && item.type !== lastType) {
        rows.push(h("div", { class: "list-group", role: "presentation" }, t(item.type === "queue" ? "queue" : "entryPoint")));
        lastType = item.type;
      }
      rows.push(this.option(item));
    }
    replaceChildren(this.list, rows);
  }

  /** Puts the address book's name beside a typed number that is in it. */
  showAddressBookName(items) {
    const match = items.find((item) => item.number === this.search.value);
    this.matchName.textContent = match ? match.name : "";
  }

  option(item) {
    const key = `${item.type}:${item.id}`;
    const selected = this.choice?.key === key;
    const button = h("button", {
      type: "button", role: "option", class: "target-option", "aria-selected": String(selected),
      dataset: { key, type: item.type, id: item.id },
      onclick: () => this.pick(item),
      ondblclick: () => { this.pick(item); this.send(); },
    },
    item.type === "agent" ? h("span", { class: "state-dot", dataset: { state: item.state }, title: t(stateKey(item.state)),
      "aria-hidden": "true" }) : h("span", { class: "option-icon", "aria-hidden": "true" }, targetIcon(item)),
    h("span", { class: "option-main" },
      h("span", { class: "option-name" }, item.name),
      h("span", { class: "option-sub muted" }, subtitle(item))),
    h("span", { class: "option-side" },
      item.number ? h("span", { class: "mono" }, item.number) : null,
      item.type === "agent" ? h("span", { class: "option-state" }, t(stateKey(item.state))) : null,
      item.type === "expert" ? h("span", { class: ["presence", `presence-${item.presence}`] }, t(`presence_${item.presence}`)) : null));
    return button;
  }

  pick(item) {
    const to = { type: item.type, id: item.id };
    if (item.type === "dialNumber") {
      to.number = item.number;
      this.search.value = item.number;
      this.queries.dialNumber = item.number;
      this.search.removeAttribute("aria-invalid");
      this.matchName.textContent = item.name;
    }
    this.setChoice({ to, key: `${item.type}:${item.id}` });
  }

  setChoice(choice) {
    this.choice = choice;
    this.confirm.disabled = !choice;
    for (const option of this.list.querySelectorAll('[role="option"]')) {
      option.setAttribute("aria-selected", String(option.dataset.key === choice?.key));
    }
  }

  async send() {
    // One consult or transfer per choice: a double-click must not send a second request.
    if (!this.choice || this.sending) return;
    this.sending = true;
    this.confirm.disabled = true;
    this.error.textContent = "";
    const path = `/v1/tasks/${encodeURIComponent(this.task.id)}/${this.mode}`;
    try {
      await this.state.command(() => this.api.post(path, { to: this.choice.to }));
      this.close();
    } catch (error) {
      this.error.textContent = t("failedAction", { action: t(this.mode), message: describeError(error) });
      this.confirm.disabled = false;
    } finally {
      this.sending = false;
    }
  }
}

function stateKey(state) {
  return { Available: "available", Idle: "idle", RONA: "rona", Engaged: "engaged", WrapUp: "wrapUpState", LoggedOut: "loggedOut" }[state]
    ?? state;
}

function targetIcon(item) {
  return icon({ queue: "queue", entryPoint: "entry", dialNumber: "book", expert: "star" }[item.type] ?? "phone", 16);
}

function subtitle(item) {
  if (item.type === "agent") return item.team ?? "";
  if (item.type === "expert") return [item.role, item.department].filter(Boolean).join(" · ");
  if (item.type === "dialNumber") return t("addressBook");
  return t(item.type === "queue" ? "queue" : "entryPoint");
}
