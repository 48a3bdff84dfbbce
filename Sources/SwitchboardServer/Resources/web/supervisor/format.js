// Number and time formats shared by the supervisor's tables and timeline.

import { language } from "/lib/i18n.js";

/** `m:ss`, or `h:mm:ss` from an hour, of a number of seconds. */
export function formatDuration(totalSeconds) {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

/** A clock time `HH:MM:SS` in the page's language. */
export function formatClock(iso) {
  return new Intl.DateTimeFormat(language(), { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })
    .format(new Date(iso));
}

/** The label key of an agent state (GLOSSARY.md's terms). */
export const stateKeys = {
  Available: "available",
  Idle: "idle",
  RONA: "rona",
  Engaged: "engaged",
  WrapUp: "wrapUpState",
  LoggedOut: "loggedOut",
};
