// Call-associated data values between the wire and the editor's fields (H1): the server keeps text
// (an integer as digits, a boolean as `true`/`false`, a datetime as ISO 8601 with an offset); a
// field shows what the agent reads and types. The checks here only spare the agent a round trip:
// the server checks every value again and its answer is the truth.

import { t } from "/lib/i18n.js";

/** H1: the longest value, counted in characters (Unicode code points, as the server counts). */
export const maximumLength = 256;

/** The number of characters the server counts in `text`. */
export function characterCount(text) {
  return [...text].length;
}

/** The field's text for a saved value (a datetime in the browser's time zone, for `datetime-local`). */
export function inputValue(variable, value) {
  if (value === null || value === undefined) return "";
  if (variable.type !== "datetime") return String(value);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  const two = (n) => String(n).padStart(2, "0");
  const seconds = date.getSeconds() ? `:${two(date.getSeconds())}` : "";
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}${seconds}`;
}

/** The value to save for a field's text: a datetime becomes ISO 8601 with the local offset; empty clears. */
export function wireValue(variable, text) {
  if (text === "") return "";
  if (variable.type === "integer") return text.trim();
  if (variable.type !== "datetime") return text;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return text;
  const two = (n) => String(n).padStart(2, "0");
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const zone = `${sign}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:`
    + `${two(date.getMinutes())}:${two(date.getSeconds())}${zone}`;
}

/** Whether two saved values are the same instant or text (a datetime may be written with another offset). */
export function sameValue(variable, a, b) {
  const left = a ?? "";
  const right = b ?? "";
  if (left === right) return true;
  if (variable.type !== "datetime" || left === "" || right === "") return false;
  return Date.parse(left) === Date.parse(right);
}

/** What is wrong with a value before it is sent, or null. */
export function problem(variable, value) {
  const count = characterCount(value);
  if (count > maximumLength) return t("valueTooLong", { maximum: maximumLength, count });
  if (value === "") return null;
  if (variable.type === "integer") {
    if (!/^[+-]?\d+$/.test(value)) return t("notInteger");
    const number = BigInt(value);
    if (number > 9223372036854775807n || number < -9223372036854775808n) return t("notInteger");
  }
  if (variable.type === "datetime" && Number.isNaN(Date.parse(value))) return t("notDateTime");
  return null;
}

/** How a saved value reads (a datetime in the agent's locale; a boolean as Yes/No). */
export function displayValue(variable, value) {
  if (value === null || value === undefined || value === "") return t("empty");
  if (variable.type === "datetime") {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date.toLocaleString();
  }
  if (variable.type === "boolean" && (value === "true" || value === "false")) return t(value === "true" ? "yes" : "no");
  return String(value);
}

/**
 * Puts `text` on the clipboard: the Clipboard API where the page is a secure context (https,
 * localhost), else a selected hidden text area (a desktop served over plain http on the LAN).
 * Answers whether it worked; focus goes back where it was.
 */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Denied (no user activation, a policy): the fallback below may still work.
    }
  }
  const focused = document.activeElement;
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  Object.assign(area.style, { position: "fixed", top: "0", left: "0", opacity: "0", pointerEvents: "none" });
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } finally {
    area.remove();
    focused?.focus?.();
  }
  return copied;
}
