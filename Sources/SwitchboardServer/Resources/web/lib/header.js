// The header bar of a signed-in page (supervisor, administration): brand, page name, the event
// stream's connection state, the language picker, who is signed in and Sign out.

import { h } from "./dom.js";
import { t, addStrings, languagePicker } from "./i18n.js";

addStrings({
  en: { signedInAs: "Signed in as {username}" },
  da: { signedInAs: "Logget på som {username}" },
});

const connectionKeys = { live: "connectionLive", connecting: "connectionConnecting", offline: "connectionOffline" };

/**
 * Builds the header. Answers `{element, setConnection(status)}`; `setConnection` takes the
 * EventStream's "connecting" | "live" | "offline" (omit `withConnection` on pages without a stream).
 * @param {{titleKey: string, session: {username: string, tenant: string}, onSignOut: () => void, withConnection?: boolean}} options
 */
export function pageHeader({ titleKey, session, onSignOut, withConnection = false }) {
  const connection = withConnection
    ? h("span", { class: "connection", role: "status", "aria-live": "polite", dataset: { status: "connecting" } })
    : null;
  let status = "connecting";
  const user = h("span", { class: "header-user" });
  const signOut = h("button", { class: "button small", type: "button", onclick: onSignOut });
  const element = h(
    "header",
    { class: "app-header" },
    h("span", { class: "brand" }, "Switchboard"),
    h("span", { class: "header-page", "data-i18n": titleKey }, t(titleKey)),
    h("span", { class: "spacer" }),
    connection,
    languagePicker(),
    user,
    signOut,
  );

  function render() {
    if (connection) {
      connection.dataset.status = status;
      connection.textContent = t(connectionKeys[status]);
    }
    user.textContent = `${session.username} · ${session.tenant}`;
    user.title = t("signedInAs", { username: session.username });
    signOut.textContent = t("signOut");
  }
  render();
  return {
    element,
    render,
    setConnection(next) { status = next; render(); },
  };
}
