// The customer phone's callbacks (I1–I4): the courtesy choice while queued (the page presses 1 for
// the caller), the web callback form, and following a callback until the contact center calls
// back — the phone rings with Answer and Decline, and once answered it is an ordinary call.

import { h } from "/lib/dom.js";
import { icon } from "/lib/icons.js";
import { addStrings, t } from "/lib/i18n.js";

addStrings({
  en: {
    courtesyOffer: "Rather not wait? Press 1 and we call you back; you keep your place in the queue.",
    callMeBack: "Call me back (1)",
    webCallbackTitle: "Ask to be called back",
    yourName: "Your name",
    requestCallback: "Call me back",
    callbackTitle: "Callback",
    callback_waiting: "We will call you back",
    callback_ringing: "Incoming call: we are calling you back",
    callback_connected: "Connected",
    callback_ended: "The callback has ended",
    callbackWaitingHint: "You keep your place in the queue. Keep this page open; your phone rings here.",
    callbackAttempts: "We could not reach you {count}×; we try again shortly.",
    answer: "Answer",
    decline: "Decline",
    nameRequired: "Enter your name.",
    callbackFailed: "The callback could not be asked for: {message}",
    callbackLimited: "Too many requests from here; try again in a minute.",
  },
  da: {
    courtesyOffer: "Vil du hellere ikke vente? Tryk 1, så ringer vi dig op; du beholder din plads i køen.",
    callMeBack: "Ring mig op (1)",
    webCallbackTitle: "Bed om at blive ringet op",
    yourName: "Dit navn",
    requestCallback: "Ring mig op",
    callbackTitle: "Tilbagekald",
    callback_waiting: "Vi ringer dig op",
    callback_ringing: "Indgående opkald: vi ringer dig op",
    callback_connected: "Forbundet",
    callback_ended: "Tilbagekaldet er afsluttet",
    callbackWaitingHint: "Du beholder din plads i køen. Hold siden åben; din telefon ringer her.",
    callbackAttempts: "Vi kunne ikke nå dig {count} gang(e); vi prøver igen om lidt.",
    answer: "Besvar",
    decline: "Afvis",
    nameRequired: "Skriv dit navn.",
    callbackFailed: "Der kunne ikke bedes om tilbagekald: {message}",
    callbackLimited: "For mange anmodninger herfra; prøv igen om et minut.",
  },
});

/** I1: the courtesy choice on a queued call the contact center offers it on. */
export function courtesyOffer(onChoose) {
  return h("div", { class: "courtesy", "data-testid": "courtesy-offer" },
    h("p", {}, t("courtesyOffer")),
    h("button", { type: "button", class: "button call-button", onclick: onChoose }, icon("callback", 18), t("callMeBack")));
}

/**
 * I2: the web callback form, for the entry point chosen above and the caller's number. `submit`
 * gets the name and answers an error message, or null once the callback is asked for.
 */
export function webCallbackForm(submit) {
  const name = h("input", { name: "callbackName", autocomplete: "name", maxLength: 100 });
  const error = h("p", { class: "form-error", role: "alert" });
  const form = h("form", { class: "web-callback", "aria-labelledby": "web-callback-title" },
    h("h2", { id: "web-callback-title" }, t("webCallbackTitle")),
    h("label", { class: "field" }, h("span", {}, t("yourName")), name),
    error,
    h("button", { type: "submit", class: "button call-button" }, icon("callback", 18), t("requestCallback")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!name.value.trim()) {
      error.textContent = t("nameRequired");
      name.setAttribute("aria-invalid", "true");
      name.focus();
      return;
    }
    error.textContent = (await submit(name.value.trim())) ?? "";
  });
  return form;
}

/** I3, I4: where the callback stands; while the phone rings back, Answer and Decline. */
export function callbackView(callback, { answer, decline, done }) {
  const ringing = callback.status === "ringing";
  const ended = callback.status === "ended";
  return h("section", { class: "card handset", "aria-labelledby": "customer-title" },
    h("h1", { id: "customer-title" }, t("callbackTitle")),
    h("div", { class: "screen", dataset: { status: ringing ? "ringing" : ended ? "ended" : "queued" } },
      h("span", { class: "avatar", "aria-hidden": "true" }, icon("callback", 26)),
      h("span", { class: "number mono" }, callback.number),
      h("span", { class: "status", role: "status", "aria-live": "polite", "data-testid": "callback-status" },
        t(`callback_${callback.status}`)),
      callback.unansweredAttempts > 0 && callback.status === "waiting"
        ? h("span", { class: "position" }, t("callbackAttempts", { count: callback.unansweredAttempts })) : null),
    callback.status === "waiting" ? h("p", { class: "muted" }, t("callbackWaitingHint")) : null,
    ringing
      ? h("div", { class: "ring-actions" },
        h("button", { type: "button", class: "button primary call-button", "data-action": "answer", onclick: answer },
          icon("phone", 18), t("answer")),
        h("button", { type: "button", class: "button danger call-button", "data-action": "decline", onclick: decline },
          t("decline")))
      : null,
    ended ? h("button", { type: "button", class: "button primary call-button", onclick: done }, t("callAgain")) : null);
}
