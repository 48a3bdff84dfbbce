// Who is signed in on a page. Each page (desktop, supervisor, administration) keeps its own session
// in localStorage, so every tab of that page shares it (K6) and a reload keeps it (K1).

import { Api, ApiError } from "./api.js";
import { h } from "./dom.js";
import { t, applyTranslations, languagePicker } from "./i18n.js";

/** A signed-in user: `{tenant, username, token, role, agentId?}` and an `Api` bound to the token. */
export class Session {
  /** @param {string} page "desktop", "supervisor" or "admin" */
  constructor(page, record) {
    this.page = page;
    Object.assign(this, record);
    this.api = new Api(record.token, () => Session.expire(page));
  }

  static key(page) { return `switchboard.session.${page}`; }

  /** The stored session of this page, or null. */
  static restore(page) {
    try {
      const record = JSON.parse(localStorage.getItem(Session.key(page)));
      return record?.token ? new Session(page, record) : null;
    } catch {
      return null;
    }
  }

  /** Forgets the session in every tab of this page (each listens with `onSessionEnd`). */
  static expire(page) {
    if (localStorage.getItem(Session.key(page)) === null) return;
    localStorage.removeItem(Session.key(page));
    dispatchEvent(new CustomEvent("switchboard:signed-out", { detail: { page } }));
  }

  /**
   * Signs out: the server revokes the token (on every node), then every tab of this page forgets
   * it. Once, without retries: a token the server did not hear about still expires on its own.
   */
  async end() {
    try {
      await this.api.post("/v1/auth/logout", {}, { idempotencyKey: null });
    } catch {
      // Signed out in this browser regardless.
    }
    Session.expire(this.page);
  }
}

/** Calls `handler` when this page's session ends, in this tab or another. */
export function onSessionEnd(page, handler) {
  addEventListener("switchboard:signed-out", (event) => { if (event.detail.page === page) handler(); });
  addEventListener("storage", (event) => {
    if (event.key === Session.key(page) && event.newValue === null) handler();
  });
}

/**
 * Renders the sign-in form into `container` and resolves with the new session once a user with
 * one of `roles` has signed in.
 * @param {HTMLElement} container
 * @param {{page: string, titleKey: string, roles: string[], defaults?: {tenant?: string, username?: string}}} options
 */
export function signIn(container, { page, titleKey, roles, defaults = {} }) {
  return new Promise((resolve) => {
    const message = h("p", { class: "form-error", role: "alert", "aria-live": "assertive" });
    const field = (key, input) => h("label", { class: "field" }, h("span", { "data-i18n": key }, t(key)), input);
    const tenant = h("input", { name: "tenant", autocomplete: "organization", required: true, value: defaults.tenant ?? "demo" });
    const username = h("input", { name: "username", autocomplete: "username", required: true, value: defaults.username ?? "" });
    const password = h("input", { name: "password", type: "password", autocomplete: "current-password", required: true });
    const submit = h("button", { class: "button primary", type: "submit", "data-i18n": "signIn" }, t("signIn"));
    const form = h(
      "form",
      { class: "sign-in card", "aria-labelledby": "sign-in-title" },
      h("div", { class: "sign-in-head" },
        h("h1", { id: "sign-in-title", "data-i18n": titleKey }, t(titleKey)),
        languagePicker()),
      field("tenant", tenant),
      field("username", username),
      field("password", password),
      message,
      submit,
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      message.textContent = "";
      submit.disabled = true;
      try {
        const answer = await Api.signIn(tenant.value.trim(), username.value.trim(), password.value);
        if (!roles.includes(answer.role)) {
          message.textContent = t("wrongRole", { roles: roles.join(", "), username: username.value, role: answer.role });
          return;
        }
        const record = { tenant: tenant.value.trim(), username: username.value.trim(), ...answer };
        localStorage.setItem(Session.key(page), JSON.stringify(record));
        resolve(new Session(page, record));
      } catch (error) {
        message.textContent = t("signInFailed", { message: error instanceof ApiError ? error.message : String(error) });
      } finally {
        submit.disabled = false;
      }
    });
    container.replaceChildren(h("main", { class: "sign-in-page" }, form));
    applyTranslations(container);
    (defaults.username ? password : username).focus();
  });
}
