// J2: an outbound call from the desktop — a number (cleaned as F1 says while it is typed) and the
// caller id the customer sees (an entry point's number, or the contact center's own). The
// server places it from Available or Idle with no other call: the agent's phone rings first and
// the request shows as a popover like any other (C3). Built once and kept, so what is typed
// survives the pane's re-renders.

import { h } from "/lib/dom.js";
import { t } from "/lib/i18n.js";
import { isValidDialNumber, sanitizeInput } from "/lib/dialnumber.js";
import { describeError } from "./commands.js";

export class OutdialForm {
  /** @param {import("./state.js").DesktopState} state */
  constructor(state) {
    this.state = state;
    this.api = state.api;
    this.entryPoints = null;
    this.busy = false;
    this.title = h("h3", { id: "outdial-title" });
    this.numberLabel = h("span");
    this.callerLabel = h("span");
    this.number = h("input", { type: "tel", name: "outdialNumber", autocomplete: "off", inputmode: "tel",
      dataset: { focusKey: "outdial:number" } });
    this.callerId = h("select", { name: "outdialCallerId", dataset: { focusKey: "outdial:callerId" } });
    this.hint = h("p", { class: "form-hint", role: "status", "aria-live": "polite" });
    this.error = h("p", { class: "form-error", role: "alert" });
    this.button = h("button", { type: "submit", class: "button primary", dataset: { focusKey: "outdial:call" } });
    this.element = h("form", { class: "outdial", "aria-labelledby": "outdial-title", novalidate: true },
      this.title,
      h("div", { class: "outdial-fields" },
        h("label", { class: "field" }, this.numberLabel, this.number),
        h("label", { class: "field" }, this.callerLabel, this.callerId)),
      this.hint, this.error, this.button);
    this.number.addEventListener("input", () => {
      // The notice stays until the field is emptied, so it is read even as typing goes on.
      if (sanitizeInput(this.number)) this.hint.textContent = t("dialNumberSanitized");
      else if (!this.number.value) this.hint.textContent = "";
      this.error.textContent = "";
      this.number.removeAttribute("aria-invalid");
    });
    this.element.addEventListener("submit", (event) => {
      event.preventDefault();
      this.place();
    });
  }

  /** The entry points the customer may see as caller id (asked for once). */
  async loadEntryPoints() {
    if (this.entryPoints) return;
    try {
      this.entryPoints = (await this.api.get("/v1/me/consult-targets?type=entryPoint")).items;
    } catch {
      this.entryPoints = [];
    }
    this.update();
  }

  /** Labels in the page's language, the caller-id choices, and whether a call can be placed now. */
  update() {
    if (!this.entryPoints) this.loadEntryPoints();
    this.title.textContent = t("outboundCall");
    this.numberLabel.textContent = t("numberToCall");
    this.callerLabel.textContent = t("callerId");
    this.number.placeholder = "+4512345678";
    const chosen = this.callerId.value;
    const options = [{ value: "", label: t("contactCenterNumber") },
      ...(this.entryPoints ?? []).map((item) => ({ value: item.id, label: `${item.name} · ${item.number ?? ""}` }))];
    if (this.callerId.options.length !== options.length) {
      this.callerId.replaceChildren(...options.map((option) => h("option", { value: option.value }, option.label)));
      this.callerId.value = options.some((option) => option.value === chosen) ? chosen : "";
    } else {
      options.forEach((option, index) => { this.callerId.options[index].textContent = option.label; });
    }
    const blocked = this.blocker();
    this.button.textContent = t(this.busy ? "calling" : "call");
    if (blocked) {
      this.button.setAttribute("aria-disabled", "true");
      this.button.title = blocked;
    } else {
      this.button.removeAttribute("aria-disabled");
      this.button.removeAttribute("title");
    }
  }

  /** Why no call can be placed now (the server checks again), or null. */
  blocker() {
    const state = this.state.me?.state;
    if (this.busy) return t("calling");
    if (state !== "Available" && state !== "Idle") return t("outdialNeedsReady");
    if (this.state.tasks.size > 0) return t("outdialNeedsNoCall");
    return null;
  }

  async place() {
    if (this.blocker()) return;
    const number = this.number.value;
    if (!isValidDialNumber(number)) {
      this.error.textContent = t("dialNumberInvalid");
      this.number.setAttribute("aria-invalid", "true");
      this.number.focus();
      return;
    }
    this.busy = true;
    this.error.textContent = "";
    this.update();
    try {
      const body = this.callerId.value ? { number, entryPointId: this.callerId.value } : { number };
      await this.state.command(() => this.api.post("/v1/me/outdial", body));
      this.number.value = "";
      this.hint.textContent = "";
    } catch (error) {
      this.error.textContent = t("failedAction", { action: t("outboundCall"), message: describeError(error) });
    } finally {
      this.busy = false;
      this.update();
    }
  }
}
