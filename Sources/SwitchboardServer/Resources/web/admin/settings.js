// The tenant's settings (SPEC A1–A3, A7) as a form: `GET /v1/admin/settings`, then a
// `PATCH` of just the changed values on Save; the server's validation message shows next to its field.

import { h, replaceChildren } from "/lib/dom.js";
import { t } from "/lib/i18n.js";
import { ApiError } from "/lib/api.js";
import { buildField } from "./fields.js";
import { describeError } from "./errors.js";

const groups = [
  {
    titleKey: "groupAudio",
    fields: [
      { name: "noiseRemovalEnabled", labelKey: "noiseRemovalEnabled", type: "checkbox", hintKey: "noiseRemovalHint" },
      { name: "recordingEnabled", labelKey: "recordingEnabled", type: "checkbox", hintKey: "recordingHint" },
      { name: "privacyShieldEnabled", labelKey: "privacyShieldEnabled", type: "checkbox", hintKey: "privacyShieldHint" },
      { name: "privacyShieldSeconds", labelKey: "privacyShieldSeconds", type: "integer", min: 1, max: 3600, hintKey: "privacyShieldSecondsHint" },
    ],
  },
  {
    titleKey: "groupCalls",
    fields: [
      { name: "ringTimeoutSeconds", labelKey: "ringTimeoutSeconds", type: "integer", min: 2, max: 600, hintKey: "ringTimeoutHint" },
      { name: "concurrentCallLimit", labelKey: "concurrentCallLimit", type: "integer", nullable: true, min: 1, max: 100000, hintKey: "concurrentCallLimitHint", placeholderKey: "noLimit" },
    ],
  },
  {
    titleKey: "groupCallbacks",
    fields: [
      { name: "endCallForWebCallback", labelKey: "endCallForWebCallback", type: "checkbox", hintKey: "endCallForWebCallbackHint" },
      { name: "callbackRingSeconds", labelKey: "callbackRingSeconds", type: "integer", min: 5, max: 300, hintKey: "callbackRingHint" },
      { name: "callbackMaxAttempts", labelKey: "callbackMaxAttempts", type: "integer", min: 1, max: 10, hintKey: "callbackMaxAttemptsHint" },
      { name: "callbackRetrySeconds", labelKey: "callbackRetrySeconds", type: "integer", min: 10, max: 86400, hintKey: "callbackRetryHint" },
      { name: "callbackExpirySeconds", labelKey: "callbackExpirySeconds", type: "integer", min: 600, max: 604800, hintKey: "callbackExpiryHint" },
      { name: "requeueOnTransferNotAccepted", labelKey: "requeueOnTransferNotAccepted", type: "checkbox", hintKey: "requeueHint" },
    ],
  },
];

export class SettingsForm {
  /** @param {{api: import("/lib/api.js").Api, announce: (message: string, kind?: string) => void}} options */
  constructor({ api, announce }) {
    this.api = api;
    this.announce = announce;
    this.saved = null;
    this.error = null;
    this.element = h("div", { class: "settings" });
  }

  async load() {
    this.error = null;
    try {
      const { body, etag } = await this.api.get("/v1/admin/settings", { withETag: true });
      this.saved = body;
      this.etag = etag;
    } catch (error) {
      this.error = error;
    }
    this.render();
  }

  /** Rebuilds the form from the saved settings (or, after a language change, from what is typed). */
  render() {
    if (this.error) {
      replaceChildren(this.element, h("div", { class: "card load-error", role: "alert" },
        t("loadSettingsFailed", { message: describeError(this.error) }),
        h("button", { type: "button", class: "button small", onclick: () => this.load() }, t("retry"))));
      return;
    }
    if (!this.saved) {
      replaceChildren(this.element, h("p", { class: "muted" }, t("loading")));
      return;
    }
    const current = this.fields ? this.values() : this.saved;
    this.fields = [];
    const status = h("span", { class: "save-status", role: "status", "aria-live": "polite" });
    const save = h("button", { type: "submit", class: "button primary save-settings" }, t("saveSettings"));
    const revert = h("button", { type: "button", class: "button", onclick: () => { this.fields = null; this.render(); } }, t("revert"));
    const formError = h("p", { class: "form-error", role: "alert" });
    const form = h("form", { class: "settings-form", novalidate: true },
      groups.map((group, index) => h("fieldset", { class: "card settings-group", "aria-labelledby": `settings-group-${index}` },
        h("h3", { id: `settings-group-${index}` }, t(group.titleKey)),
        group.fields.map((field) => {
          const built = buildField(field, current[field.name]);
          this.fields.push(built);
          return built.element;
        }))),
      formError,
      h("div", { class: "form-actions" }, status, revert, save));

    const shieldSeconds = form.elements.privacyShieldSeconds;
    const refresh = () => {
      const changed = this.changes();
      const dirty = Object.keys(changed).length > 0;
      save.disabled = !dirty;
      revert.disabled = !dirty;
      shieldSeconds.disabled = !form.elements.privacyShieldEnabled.checked;
      status.textContent = dirty ? t("unsavedChanges") : "";
      status.classList.toggle("is-dirty", dirty);
    };
    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      formError.textContent = "";
      for (const field of this.fields) field.clearError();
      save.disabled = true;
      try {
        const { body, etag } = await this.api.patch("/v1/admin/settings", this.changes(), {
          headers: this.etag ? { "If-Match": this.etag } : {}, withETag: true,
        });
        this.saved = body;
        this.etag = etag;
        this.fields = null;
        this.render();
        this.element.querySelector(".save-status").textContent = t("saved");
        this.announce(t("settingsSaved"));
      } catch (error) {
        if (error?.status === 412) {
          // Somebody saved the settings meanwhile: show theirs; what was typed here is not saved.
          this.fields = null;
          await this.load();
          this.element.querySelector(".form-error").textContent = t("staleSettings");
          return;
        }
        const field = error instanceof ApiError ? this.fields.find((candidate) => candidate.name === error.details?.field) : null;
        if (field) {
          field.showError(describeError(error));
          field.focus();
        } else {
          formError.textContent = t("saveFailed", { message: describeError(error) });
        }
        save.disabled = false;
      }
    });
    replaceChildren(this.element,
      h("div", { class: "section-head" }, h("div", { class: "section-title" }, h("h2", {}, t("settings")))),
      h("p", { class: "section-intro muted" }, t("settingsIntro")),
      form);
    refresh();
  }

  /** True while the form holds changes that are not saved. */
  get isDirty() {
    return Boolean(this.fields && this.saved) && Object.keys(this.changes()).length > 0;
  }

  values() {
    return Object.fromEntries(this.fields.map((field) => [field.name, field.read()]));
  }

  /** The fields whose value differs from the saved settings. */
  changes() {
    return Object.fromEntries(Object.entries(this.values())
      .filter(([name, value]) => value !== undefined && value !== this.saved[name]));
  }
}
