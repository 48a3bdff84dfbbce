// The customer phone: plays a caller on the simulated phone network with the `sim` endpoints only
// (no sign-in). The caller picks an entry point or types a number (cleaned as F1 says), calls, and
// watches the call — calling, in queue with its position, connected, on hold, ended — until hanging
// up. While queued it may choose a courtesy callback (I1), or it asks for a web callback (I2) and
// waits for the contact center to call back (`callback.js`). The call's and the callback's ids are
// kept for the tab, so a reload picks them up again.

import { Api, ApiError } from "/lib/api.js";
import { h, replaceChildren, elapsed } from "/lib/dom.js";
import { icon } from "/lib/icons.js";
import { addStrings, applyTranslations, language, languagePicker, onLanguageChange, t } from "/lib/i18n.js";
import { isValidDialNumber, sanitizeInput } from "/lib/dialnumber.js";
import { callbackView, courtesyOffer, webCallbackForm } from "./callback.js";

addStrings({
  en: {
    simulated: "Simulated",
    yourNumber: "Your number",
    numberToCall: "Number to call",
    entryPoints: "Entry points",
    call: "Call",
    hangUp: "Hang up",
    callAgain: "New call",
    status_dialling: "Calling…",
    status_queued: "In queue",
    status_connected: "Connected",
    status_held: "On hold",
    status_ended: "Call ended",
    status_rejected: "The call was rejected",
    queuePosition: "Position {position} in the queue",
    numberInvalid: "A number holds 3 to 18 digits.",
    numberSanitized: "Only digits and + # * : are allowed; other characters were removed.",
    simUnavailable: "The simulated phone network is off on this server.",
    callFailed: "The call could not be placed: {message}",
  },
  da: {
    simulated: "Simuleret",
    yourNumber: "Dit nummer",
    numberToCall: "Nummer, der skal ringes til",
    entryPoints: "Indgangspunkter",
    call: "Ring op",
    hangUp: "Læg på",
    callAgain: "Nyt opkald",
    status_dialling: "Ringer op…",
    status_queued: "I kø",
    status_connected: "Forbundet",
    status_held: "I venteposition",
    status_ended: "Opkaldet er afsluttet",
    status_rejected: "Opkaldet blev afvist",
    queuePosition: "Nummer {position} i køen",
    numberInvalid: "Et nummer har 3 til 18 cifre.",
    numberSanitized: "Kun cifre og + # * : er tilladt; andre tegn er fjernet.",
    simUnavailable: "Det simulerede telefonnet er slået fra på denne server.",
    callFailed: "Opkaldet kunne ikke foretages: {message}",
  },
});

const api = new Api();
const app = document.getElementById("app");
const callKey = "switchboard.customer.call";
const callbackKey = "switchboard.customer.callback";
const pollMilliseconds = 700;
const active = new Set(["dialling", "queued", "connected", "held"]);

const model = {
  entryPoints: [],
  from: "+4512345678",
  to: "",
  call: null, // {callId, from, to, status, queuePosition?, callbackOffered?, callbackId?}
  callback: null, // {callbackId, number, to, status, callId?, unansweredAttempts}
  since: null, // when the current status began (this page's clock)
  error: "",
  notice: "",
};

document.documentElement.lang = language();
document.getElementById("language").append(languagePicker());
onLanguageChange(render);
applyTranslations();
setInterval(tick, 1000);
start();

async function start() {
  try {
    model.entryPoints = (await api.get("/v1/sim/entry-points")).items;
  } catch {
    replaceChildren(app, h("p", { class: "card handset form-error", role: "alert" }, t("simUnavailable")));
    return;
  }
  model.to = model.entryPoints[0]?.dialNumber ?? "";
  model.call = restore(callKey);
  model.callback = restore(callbackKey);
  if (model.call || model.callback) {
    model.since = new Date().toISOString();
    await poll();
  }
  render();
}

function restore(key) {
  const saved = sessionStorage.getItem(key);
  if (!saved) return null;
  try {
    return JSON.parse(saved);
  } catch {
    sessionStorage.removeItem(key);
    return null;
  }
}

function render() {
  document.title = `${t("customerPhone")} · Switchboard`;
  const onCall = model.call && (active.has(model.call.status) || !model.callback);
  replaceChildren(app, onCall ? callView()
    : model.callback ? callbackView(model.callback, { answer: answerCallback, decline: declineCallback, done: newCall })
      : dialView());
  tick();
}

function dialView() {
  const from = numberInput("from", model.from, (value) => { model.from = value; });
  const to = numberInput("to", model.to, (value) => { model.to = value; updatePressed(); });
  const list = h("ul", { class: "entry-points", "aria-label": t("entryPoints") }, model.entryPoints.map((entryPoint) => h("li", {},
    h("button", { type: "button", class: "entry-point", "aria-pressed": String(entryPoint.dialNumber === model.to),
      dataset: { number: entryPoint.dialNumber },
      onclick: () => { model.to = entryPoint.dialNumber; to.value = model.to; updatePressed(); } },
    h("span", { class: "name" }, entryPoint.name), h("span", { class: "mono muted" }, entryPoint.dialNumber)))));
  function updatePressed() {
    for (const button of list.querySelectorAll(".entry-point")) button.setAttribute("aria-pressed", String(button.dataset.number === model.to));
  }
  const form = h("form", { class: "dial", "aria-labelledby": "customer-title" },
    h("label", { class: "field" }, h("span", {}, t("yourNumber")), from),
    h("div", { class: "field" }, h("span", {}, t("entryPoints")), list),
    h("label", { class: "field" }, h("span", {}, t("numberToCall")), to),
    h("p", { class: "form-hint", role: "status", "aria-live": "polite" }, model.notice),
    h("p", { class: "form-error", role: "alert" }, model.error),
    h("button", { type: "submit", class: "button primary call-button" }, icon("phone", 18), t("call")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    placeCall();
  });
  return h("section", { class: "card handset" },
    h("h1", { id: "customer-title" }, t("customerPhone")),
    form,
    h("hr"),
    webCallbackForm(requestCallback));
}

function numberInput(name, value, onChange) {
  const input = h("input", { name, type: "tel", inputMode: "tel", autocomplete: "off", value, required: true });
  input.addEventListener("input", () => {
    if (sanitizeInput(input)) {
      model.notice = t("numberSanitized");
      input.closest("form").querySelector('[role="status"]').textContent = model.notice;
    }
    input.removeAttribute("aria-invalid");
    onChange(input.value);
  });
  return input;
}

function callView() {
  const call = model.call;
  const entryPoint = model.entryPoints.find((item) => item.dialNumber === call.to);
  const ended = !active.has(call.status);
  return h("section", { class: "card handset", "aria-labelledby": "customer-title" },
    h("h1", { id: "customer-title" }, t("customerPhone")),
    h("div", { class: "screen", dataset: { status: call.status } },
      h("span", { class: "avatar", "aria-hidden": "true" }, icon("phone", 26)),
      h("span", { class: "number mono" }, call.to),
      entryPoint ? h("span", { class: "name" }, entryPoint.name) : null,
      h("span", { class: "status", role: "status", "aria-live": "polite", "data-testid": "call-status" }, t(`status_${call.status}`)),
      call.status === "queued" && call.queuePosition ? h("span", { class: "position" }, t("queuePosition", { position: call.queuePosition })) : null,
      ended ? null : h("span", { class: "timer mono", dataset: { since: model.since } })),
    call.status === "queued" && call.callbackOffered ? courtesyOffer(chooseCallback) : null,
    h("p", { class: "muted" }, `${t("yourNumber")}: `, h("span", { class: "mono" }, call.from)),
    h("p", { class: "form-error", role: "alert" }, model.error),
    ended
      ? h("button", { type: "button", class: "button primary call-button", onclick: newCall }, t("callAgain"))
      : h("button", { type: "button", class: "button danger call-button", onclick: hangUp }, t("hangUp")));
}

async function placeCall() {
  model.error = "";
  model.notice = "";
  if (!isValidDialNumber(model.from) || !isValidDialNumber(model.to)) {
    model.error = t("numberInvalid");
    render();
    return;
  }
  try {
    const { callId } = await api.post("/v1/sim/calls", { from: model.from, to: model.to });
    setCall({ callId, from: model.from, to: model.to, status: "dialling" });
    poll();
  } catch (error) {
    model.error = t("callFailed", { message: error instanceof ApiError ? error.message : String(error) });
  }
  render();
}

async function hangUp() {
  try {
    await api.post(`/v1/sim/calls/${encodeURIComponent(model.call.callId)}/hangup`, {});
  } catch (error) {
    await poll();
    model.error = error.message;
    render();
    return;
  }
  await poll();
}

function newCall() {
  sessionStorage.removeItem(callKey);
  sessionStorage.removeItem(callbackKey);
  model.call = null;
  model.callback = null;
  model.error = "";
  render();
}

/** I1: presses 1 on the queued call; the call leaves the line and the page follows the callback. */
async function chooseCallback() {
  const call = model.call;
  try {
    await api.post(`/v1/sim/calls/${encodeURIComponent(call.callId)}/dtmf`, { digits: "1" });
    const after = await api.get(`/v1/sim/calls/${encodeURIComponent(call.callId)}`);
    if (!after.callbackId) {
      setCall(after);
      render();
      return;
    }
    sessionStorage.removeItem(callKey);
    model.call = null;
    setCallback({ callbackId: after.callbackId, number: call.from, to: call.to, status: "waiting", unansweredAttempts: 0 });
  } catch (error) {
    model.error = error.message;
  }
  render();
  poll();
}

/** I2: asks for a web callback at the chosen entry point; answers an error message, or null. */
async function requestCallback(name) {
  const entryPoint = model.entryPoints.find((item) => item.dialNumber === model.to);
  if (!entryPoint || !isValidDialNumber(model.from)) return t("numberInvalid");
  try {
    const { callbackId } = await api.post("/v1/callbacks",
      { entryPointId: entryPoint.id, tenant: entryPoint.tenant, name, number: model.from }, { idempotencyKey: null });
    setCallback({ callbackId, number: model.from, to: entryPoint.dialNumber, status: "waiting", unansweredAttempts: 0 });
  } catch (error) {
    return error.status === 429 ? t("callbackLimited")
      : t("callbackFailed", { message: error instanceof ApiError ? error.message : String(error) });
  }
  render();
  poll();
  return null;
}

/** I3: the customer picks up the callback ringing; from now on it is an ordinary call. */
async function answerCallback() {
  const callId = model.callback?.callId;
  if (!callId) return;
  try {
    await api.post(`/v1/sim/calls/${encodeURIComponent(callId)}/answer`, {});
    setCall({ callId, from: model.callback.number, to: model.callback.to, status: "connected" });
  } catch (error) {
    model.error = error.message;
  }
  render();
  poll();
}

/** I4: the customer rejects the callback's call; the callback is tried again later. */
async function declineCallback() {
  const callId = model.callback?.callId;
  if (!callId) return;
  try {
    await api.post(`/v1/sim/calls/${encodeURIComponent(callId)}/hangup`, {});
  } catch (error) {
    model.error = error.message;
  }
  await poll();
}

function setCallback(callback) {
  model.callback = callback;
  sessionStorage.setItem(callbackKey, JSON.stringify(callback));
}

function setCall(call) {
  if (call.status !== model.call?.status) model.since = new Date().toISOString();
  model.call = call;
  sessionStorage.setItem(callKey, JSON.stringify(call));
}

let pollTimer = null;
/** Bumped by each poll: an answer to an older one is dropped, so only one loop runs. */
let pollGeneration = 0;

/** Reads the call (or, with no call up, the callback) now and, while it lasts, again shortly. */
async function poll() {
  clearTimeout(pollTimer);
  const generation = ++pollGeneration;
  if (!(model.call && active.has(model.call.status)) && model.callback) {
    await pollCallback(generation);
    return;
  }
  if (!model.call) return;
  try {
    const call = await api.get(`/v1/sim/calls/${encodeURIComponent(model.call.callId)}`);
    if (generation !== pollGeneration || !model.call) return;
    const changed = call.status !== model.call.status || call.queuePosition !== model.call.queuePosition;
    setCall(call);
    model.error = "";
    if (changed) render();
  } catch (error) {
    if (generation !== pollGeneration || !model.call) return;
    if (error.status === 404) {
      setCall({ ...model.call, status: "ended" });
      render();
      return;
    }
  }
  if (active.has(model.call.status) || model.callback) pollTimer = setTimeout(poll, pollMilliseconds);
}

async function pollCallback(generation) {
  try {
    const callback = await api.get(`/v1/sim/callbacks/${encodeURIComponent(model.callback.callbackId)}`);
    if (generation !== pollGeneration || !model.callback) return;
    const changed = callback.status !== model.callback.status || callback.callId !== model.callback.callId
      || callback.unansweredAttempts !== model.callback.unansweredAttempts;
    setCallback({ ...model.callback, status: callback.status, callId: callback.callId ?? null,
      unansweredAttempts: callback.unansweredAttempts });
    if (changed) render();
  } catch (error) {
    if (generation !== pollGeneration || !model.callback) return;
    if (error.status === 404) {
      setCallback({ ...model.callback, status: "ended" });
      render();
      return;
    }
  }
  if (model.callback.status !== "ended") pollTimer = setTimeout(poll, pollMilliseconds);
}

function tick() {
  for (const element of document.querySelectorAll("[data-since]")) element.textContent = elapsed(element.dataset.since);
}
