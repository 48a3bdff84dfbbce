// Short messages at the bottom of the page: a polite live region for news, an alert for failures.

import { h } from "./dom.js";

let region = null;

function container() {
  if (!region || !region.isConnected) {
    region = h("div", { class: "toasts", role: "status", "aria-live": "polite" });
    document.body.append(region);
  }
  return region;
}

/** Shows `message` for a few seconds; `kind` "error" makes it an alert. */
export function toast(message, kind = "info", milliseconds = 6000) {
  const item = h("div", { class: `toast ${kind}`, role: kind === "error" ? "alert" : null }, message);
  container().append(item);
  setTimeout(() => item.remove(), milliseconds);
  return item;
}
