// English and Danish labels. The common terms are GLOSSARY.md's; each page adds its own with
// `addStrings`. The chosen language is kept per browser and every open page follows a change.

const storageKey = "switchboard.language";
const dictionaries = { en: {}, da: {} };
const listeners = new Set();

/** The languages offered, each labelled in its own language (GLOSSARY: "Sprog: English, Dansk"). */
export const languages = [
  { code: "en", name: "English" },
  { code: "da", name: "Dansk" },
];

/** Adds a page's strings: `{en: {key: "..."}, da: {key: "..."}}`. */
export function addStrings(strings) {
  for (const code of Object.keys(dictionaries)) Object.assign(dictionaries[code], strings[code] ?? {});
}

/** The current language code. */
export function language() {
  const stored = localStorage.getItem(storageKey);
  return stored in dictionaries ? stored : "en";
}

/** Switches the language for this page and every other open page of this browser. */
export function setLanguage(code) {
  if (!(code in dictionaries) || code === language()) return;
  localStorage.setItem(storageKey, code);
  changed();
}

/** Calls `listener` after each language change (here or in another tab). */
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed() {
  document.documentElement.lang = language();
  applyTranslations(document);
  for (const listener of listeners) listener(language());
}

addEventListener("storage", (event) => {
  if (event.key === storageKey) changed();
});

/**
 * The label for `key` in the current language, with `{name}` placeholders filled from `params`.
 * A missing Danish label falls back to English; a missing key shows the key (and is easy to spot).
 */
export function t(key, params = {}) {
  const text = dictionaries[language()][key] ?? dictionaries.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

/**
 * Fills static markup: `data-i18n` (text), `data-i18n-title`, `data-i18n-placeholder`,
 * `data-i18n-aria-label`.
 */
export function applyTranslations(root = document) {
  for (const element of root.querySelectorAll("[data-i18n]")) element.textContent = t(element.dataset.i18n);
  for (const element of root.querySelectorAll("[data-i18n-title]")) element.title = t(element.dataset.i18nTitle);
  for (const element of root.querySelectorAll("[data-i18n-placeholder]")) {
    element.placeholder = t(element.dataset.i18nPlaceholder);
  }
  for (const element of root.querySelectorAll("[data-i18n-aria-label]")) {
    element.setAttribute("aria-label", t(element.dataset.i18nAriaLabel));
  }
}

/** A `<select>` that switches the language, labelled "Language"/"Sprog". */
export function languagePicker() {
  const select = document.createElement("select");
  select.className = "language-picker";
  select.setAttribute("aria-label", t("language"));
  select.dataset.i18nAriaLabel = "language";
  for (const { code, name } of languages) {
    const option = document.createElement("option");
    option.value = code;
    option.textContent = name;
    option.lang = code;
    select.append(option);
  }
  select.value = language();
  select.addEventListener("change", () => setLanguage(select.value));
  onLanguageChange((code) => { select.value = code; });
  return select;
}

// GLOSSARY.md: the terms every page shares.
addStrings({
  en: {
    language: "Language",
    agentDesktop: "Agent Desktop",
    supervisor: "Supervisor",
    administration: "Administration",
    customerPhone: "Customer phone",
    tenant: "Tenant",
    username: "Username",
    password: "Password",
    signIn: "Sign in",
    signOut: "Sign out",
    available: "Available",
    idle: "Idle",
    rona: "RONA",
    engaged: "Engaged",
    wrapUpState: "Wrap-up",
    loggedOut: "Logged out",
    logOut: "Log out",
    ringing: "Ringing",
    connected: "Connected",
    callOnHold: "Call on hold",
    consultRequested: "Consult requested",
    consulting: "Consulting",
    consultOnHold: "Consult on hold",
    customer: "Customer",
    caller: "Caller",
    entryPoint: "Entry point",
    queue: "Queue",
    team: "Team",
    dialNumber: "Dial number",
    addressBook: "Address book",
    cancel: "Cancel",
    save: "Save",
    revert: "Revert",
    close: "Close",
    refresh: "Refresh",
    connectionLive: "Connected to the server",
    connectionConnecting: "Connecting…",
    connectionOffline: "Offline: reconnecting…",
    networkError: "The server cannot be reached.",
    signInFailed: "Sign-in failed: {message}",
    wrongRole: "This page is for {roles}; {username} signs in as {role}.",
  },
  da: {
    language: "Sprog",
    agentDesktop: "Agentskrivebord",
    supervisor: "Supervisor",
    administration: "Administration",
    customerPhone: "Kundetelefon",
    tenant: "Lejer",
    username: "Brugernavn",
    password: "Adgangskode",
    signIn: "Log på",
    signOut: "Afslut session",
    available: "Tilgængelig",
    idle: "Inaktiv",
    rona: "RONA",
    engaged: "Optaget",
    wrapUpState: "Afslutning",
    loggedOut: "Logget af",
    logOut: "Log af",
    ringing: "Ringer",
    connected: "Forbundet",
    callOnHold: "Opkald i venteposition",
    consultRequested: "Rådgivning anmodet",
    consulting: "Rådgivning",
    consultOnHold: "Rådgivning i venteposition",
    customer: "Kunde",
    caller: "Opkalder",
    entryPoint: "Indgangspunkt",
    queue: "Kø",
    team: "Team",
    dialNumber: "Opkaldsnummer",
    addressBook: "Adressebog",
    cancel: "Annuller",
    save: "Gem",
    revert: "Returner",
    close: "Luk",
    refresh: "Opdater",
    connectionLive: "Forbundet til serveren",
    connectionConnecting: "Forbinder…",
    connectionOffline: "Offline: forbinder igen…",
    networkError: "Serveren kan ikke nås.",
    signInFailed: "Log på mislykkedes: {message}",
    wrongRole: "Denne side er for {roles}; {username} logger på som {role}.",
  },
});

document.documentElement.lang = language();
