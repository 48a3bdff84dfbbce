// A3: an entry point's opening hours as a form control — "Always open", or a time zone and the
// open hours of each weekday (HH:MM to HH:MM, 24:00 for the end of the day). It reads as the API's
// `openingHours`: null, or `{timeZone, days: [{weekday, opens, closes}]}`.

import { h } from "/lib/dom.js";
import { t } from "/lib/i18n.js";

/** The browser's own zone, offered when the hours are first set. */
function localZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
  } catch {
    return "UTC";
  }
}

/**
 * A fieldset for `value` (the API's `openingHours`); answers `{control, read}`: `control` is
 * the fieldset (it takes the error's aria attributes), `read()` the value to send.
 */
export function openingHoursControl(field, value, { id, label, describedBy }) {
  const always = h("input", { type: "checkbox", name: `${field.name}.always`, role: "switch", checked: !value });
  const zone = h("input", { type: "text", name: `${field.name}.timeZone`, autocomplete: "off", spellcheck: "false",
    value: value?.timeZone ?? localZone(), "aria-label": t("timeZone") });
  const rows = [1, 2, 3, 4, 5, 6, 7].map((weekday) => {
    const day = value?.days?.find((entry) => entry.weekday === weekday);
    const weekend = weekday > 5;
    const open = h("input", { type: "checkbox", name: `${field.name}.day${weekday}`, checked: value ? Boolean(day) : !weekend });
    const time = (name, text, labelKey) => h("input", { type: "text", inputmode: "numeric", class: "mono time",
      name: `${field.name}.day${weekday}.${name}`, value: text, placeholder: "HH:MM", maxLength: 5,
      "aria-label": `${t(`weekday${weekday}`)} ${t(labelKey)}` });
    const opens = time("opens", day?.opens ?? "08:00", "opens");
    const closes = time("closes", day?.closes ?? "16:00", "closes");
    const sync = () => { opens.disabled = closes.disabled = !open.checked || always.checked; };
    open.addEventListener("change", sync);
    return { weekday, open, opens, closes, sync,
      element: h("div", { class: "opening-day" }, h("label", { class: "choice" }, open, t(`weekday${weekday}`)), opens,
        h("span", { "aria-hidden": "true" }, "–"), closes) };
  });
  const days = h("div", { class: "opening-days" }, rows.map((row) => row.element));
  const syncAll = () => {
    zone.disabled = always.checked;
    days.hidden = always.checked;
    for (const row of rows) row.sync();
  };
  always.addEventListener("change", syncAll);
  const control = h("fieldset", { class: "opening-hours", id, "aria-describedby": describedBy },
    h("legend", {}, label),
    h("label", { class: "switch-row" }, always, h("span", { class: "switch-label" }, t("alwaysOpen"))),
    h("label", { class: "opening-zone" }, h("span", {}, t("timeZone")), zone),
    days);
  control.focus = () => always.focus();
  syncAll();
  const read = () => always.checked ? null : {
    timeZone: zone.value.trim(),
    days: rows.filter((row) => row.open.checked)
      .map((row) => ({ weekday: row.weekday, opens: row.opens.value.trim(), closes: row.closes.value.trim() })),
  };
  return { control, read };
}
