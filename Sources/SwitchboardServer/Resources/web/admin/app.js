// The Administration page: the tenant's settings and its lists, one section at a time behind a
// vertical tab list (arrow keys move between sections; the address bar's #fragment keeps the place).

import "./strings.js";
import { h, replaceChildren } from "/lib/dom.js";
import { t, applyTranslations, onLanguageChange } from "/lib/i18n.js";
import { Session, signIn, onSessionEnd } from "/lib/session.js";
import { pageHeader } from "/lib/header.js";
import { toast } from "/lib/toast.js";
import { lists } from "./lists.js";
import { Catalog } from "./catalog.js";
import { ListEditor } from "./list-editor.js";
import { SettingsForm } from "./settings.js";
import { CampaignContacts } from "./campaign-contacts.js";

const page = "admin";
const root = document.getElementById("app");

function start(session) {
  const header = pageHeader({ titleKey: "administration", session, onSignOut: () => session.end() });
  const announce = (message, kind) => toast(message, kind, 5000);
  const catalog = new Catalog(session.api);
  const sections = [
    { id: "settings", tabKey: "settings", make: () => new SettingsForm({ api: session.api, announce }) },
    ...lists.map((list) => ({
      id: list.id, tabKey: list.tabKey ?? list.titleKey,
      make: () => new ListEditor({ list, api: session.api, catalog, announce,
        onRowAction: list.id === "campaigns" ? (item) => new CampaignContacts({ api: session.api, announce }).open(item) : undefined }),
    })),
  ];
  const views = new Map();
  const panel = h("section", { class: "admin-panel", role: "tabpanel", id: "admin-panel", tabindex: "-1" });
  const tabs = sections.map((section) => h("button", {
    type: "button", role: "tab", id: `tab-${section.id}`, class: "admin-tab",
    "aria-controls": "admin-panel", dataset: { section: section.id },
    onclick: () => select(section.id, { focusPanel: false }),
  }, t(section.tabKey)));
  const tablist = h("div", { role: "tablist", "aria-orientation": "vertical", class: "admin-tabs" }, tabs);
  tablist.addEventListener("keydown", (event) => {
    const index = tabs.indexOf(document.activeElement);
    if (index < 0) return;
    const moves = { ArrowDown: index + 1, ArrowRight: index + 1, ArrowUp: index - 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = (moves[event.key] + tabs.length) % tabs.length;
    tabs[next].focus();
    select(sections[next].id, { focusPanel: false });
  });

  let current = null;
  function select(id, { focusPanel = false } = {}) {
    const section = sections.find((candidate) => candidate.id === id) ?? sections[0];
    current = section.id;
    for (const tab of tabs) {
      const selected = tab.dataset.section === section.id;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    panel.setAttribute("aria-labelledby", `tab-${section.id}`);
    if (location.hash !== `#${section.id}`) history.replaceState(null, "", `#${section.id}`);
    let view = views.get(section.id);
    if (!view) {
      view = section.make();
      views.set(section.id, view);
    }
    replaceChildren(panel, view.element);
    view.load();
    if (focusPanel) panel.focus();
  }

  const nav = h("nav", { class: "admin-nav", "aria-label": t("sections") }, tablist);
  replaceChildren(root, header.element, h("main", { class: "admin-layout" }, nav, panel));
  select(location.hash.slice(1) || "settings");
  addEventListener("hashchange", () => {
    if (location.hash.slice(1) !== current) select(location.hash.slice(1), { focusPanel: true });
  });

  // Leaving the page with unsaved settings asks first (switching sections keeps them).
  addEventListener("beforeunload", (event) => {
    if (views.get("settings")?.isDirty) event.preventDefault();
  });

  onLanguageChange(() => {
    header.render();
    nav.setAttribute("aria-label", t("sections"));
    tabs.forEach((tab, index) => { tab.textContent = t(sections[index].tabKey); });
    views.get(current)?.render();
  });
  applyTranslations(root);
}

onSessionEnd(page, () => location.reload());
const session = Session.restore(page)
  ?? await signIn(root, { page, titleKey: "administration", roles: ["admin"] });
start(session);
