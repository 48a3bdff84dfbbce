// Station login: after signing in, an agent who is logged out picks a team and the dial number of
// the phone that will ring (`POST /v1/me/station-login`). The number is cleaned as F1 says and the
// last one used by this user is offered again.

import { h } from "/lib/dom.js";
import { t, languagePicker } from "/lib/i18n.js";
import { isValidDialNumber, sanitizeInput } from "/lib/dialnumber.js";
import { describeError } from "./commands.js";

/** Renders the form into `container`; calls `onSignOut` for the Sign out link. Resolves when logged in. */
export function stationLogin(container, state, { onSignOut }) {
  const me = state.me;
  const storageKey = `switchboard.desktop.dialNumber.${me.agentId}`;
  return new Promise((resolve) => {
    const team = h("select", { name: "team", required: true },
      me.teams.map((item) => h("option", { value: item.id, selected: item.id === me.teamId }, item.name)));
    const dialNumber = h("input", { name: "dialNumber", type: "tel", inputMode: "tel", required: true, autocomplete: "off",
      value: me.dialNumber ?? localStorage.getItem(storageKey) ?? "", "aria-describedby": "dial-number-hint" });
    const hint = h("p", { class: "form-hint", id: "dial-number-hint", "aria-live": "polite" }, t("dialNumberHint"));
    const message = h("p", { class: "form-error", role: "alert" });
    const submit = h("button", { type: "submit", class: "button primary" }, t("logIn"));
    dialNumber.addEventListener("input", () => {
      const removed = sanitizeInput(dialNumber);
      hint.textContent = removed ? t("dialNumberSanitized") : t("dialNumberHint");
      dialNumber.removeAttribute("aria-invalid");
    });
    const form = h("form", { class: "sign-in card station-login", "aria-labelledby": "station-title" },
      h("div", { class: "sign-in-head" }, h("h1", { id: "station-title" }, t("stationLogin")), languagePicker()),
      h("p", { class: "muted" }, me.name, " — ", t("stationLoginHint")),
      h("label", { class: "field" }, h("span", {}, t("team")), team),
      h("label", { class: "field" }, h("span", {}, t("dialNumber")), dialNumber),
      hint,
      message,
      submit,
      h("button", { type: "button", class: "button ghost", onclick: onSignOut }, t("signOut")));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      message.textContent = "";
      if (!isValidDialNumber(dialNumber.value)) {
        dialNumber.setAttribute("aria-invalid", "true");
        message.textContent = t("dialNumberInvalid");
        return;
      }
      submit.disabled = true;
      try {
        await state.command(() => state.api.post("/v1/me/station-login", { teamId: team.value, dialNumber: dialNumber.value }));
        localStorage.setItem(storageKey, dialNumber.value);
        resolve();
      } catch (error) {
        message.textContent = describeError(error);
      } finally {
        submit.disabled = false;
      }
    });
    container.replaceChildren(h("main", { class: "sign-in-page" }, form));
    (dialNumber.value ? submit : dialNumber).focus();
  });
}
