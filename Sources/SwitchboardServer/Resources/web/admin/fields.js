// Form fields for the administration forms: one labelled control per field description (see
// lists.js), with its hint and a slot for the server's validation message (`details.field`),
// tied together with aria-describedby and aria-invalid.

import { h } from "/lib/dom.js";
import { t } from "/lib/i18n.js";
import { openingHoursControl } from "./opening-hours-field.js";
import { campaignVariablesControl } from "./campaign-variables-field.js";

let nextId = 0;

/**
 * Builds one field. `options` maps a `select`/`multi` field's ref to `[{value, label}]`.
 * Answers `{name, element, read(), showError(message), clearError(), focus()}`; `read()` answers
 * the value to send, or `undefined` to leave the field out.
 */
export function buildField(field, value, { options = [], isCreate = false } = {}) {
  const id = `field-${field.name}-${++nextId}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hint = field.hintKey ? h("span", { class: "form-hint", id: hintId }, t(field.hintKey)) : null;
  const error = h("span", { class: "field-error", id: errorId, hidden: true });
  const describedBy = [hint && hintId, errorId].filter(Boolean).join(" ");
  const label = [
    t(field.labelKey),
    field.required ? h("span", { class: "required-mark", "aria-hidden": "true", title: t("required") }, " *") : null,
  ];
  let control;
  let read;
  let element;

  if (field.type === "checkbox") {
    control = h("input", { type: "checkbox", id, name: field.name, role: "switch", "aria-describedby": describedBy });
    control.checked = value ?? field.default ?? false;
    read = () => control.checked;
    element = h("div", { class: "field field-switch" },
      h("label", { class: "switch-row", for: id }, control, h("span", { class: "switch-label" }, label)),
      hint, error);
  } else if (field.type === "openingHours") {
    ({ control, read } = openingHoursControl(field, value, { id, label, describedBy }));
    element = h("div", { class: "field" }, control, hint, error);
  } else if (field.type === "variables") {
    ({ control, read } = campaignVariablesControl(field, value, { id, label, describedBy }));
    element = h("div", { class: "field" }, control, hint, error);
  } else if (field.type === "multi") {
    const chosen = new Set(value ?? []);
    const boxes = options.map((option) => h("input", {
      type: "checkbox", name: field.name, value: option.value, checked: chosen.has(option.value),
    }));
    control = h("fieldset", { class: "choice-group", id, "aria-describedby": describedBy },
      h("legend", {}, label),
      boxes.length === 0 ? h("span", { class: "muted" }, t("none")) : null,
      boxes.map((box, index) => h("label", { class: "choice" }, box, options[index].label)));
    read = () => boxes.filter((box) => box.checked).map((box) => box.value);
    element = h("div", { class: "field" }, control, hint, error);
    control.focus = () => (boxes[0] ?? control).focus();
  } else {
    if (field.type === "select" || field.type === "enum") {
      const choices = field.type === "enum"
        ? field.options.map((option) => ({ value: option, label: t(field.enumKey + option) }))
        : options;
      control = h("select", { id, name: field.name, "aria-describedby": describedBy },
        field.type === "select" ? h("option", { value: "" }, t("choose")) : null,
        choices.map((choice) => h("option", { value: choice.value }, choice.label)));
      control.value = value ?? field.default ?? "";
      // A reference to an item that no longer exists still shows, so saving does not silently change it.
      if (value && control.value !== value) {
        control.append(h("option", { value }, value));
        control.value = value;
      }
    } else {
      const attributes = {
        id, name: field.name, "aria-describedby": describedBy,
        autocomplete: field.autocomplete ?? (field.type === "password" ? "new-password" : "off"),
        placeholder: field.placeholderKey ? t(field.placeholderKey) : null,
        class: field.mono || field.type === "dialNumber" ? "mono" : null,
      };
      if (field.type === "integer") Object.assign(attributes, { type: "number", step: 1, min: field.min, max: field.max, inputmode: "numeric" });
      else if (field.type === "dialNumber") Object.assign(attributes, { type: "text", inputmode: "tel" });
      else if (field.type === "password") attributes.type = "password";
      else attributes.type = "text";
      control = h("input", attributes);
      const initial = value ?? (isCreate ? field.default : null);
      control.value = initial === null || initial === undefined ? "" : String(initial);
    }
    read = () => {
      const text = control.value;
      if (field.type === "integer") {
        // Empty: "none" where allowed, the server's default on create, else sent so the server says why not.
        if (text.trim() === "") return field.nullable || !isCreate ? null : undefined;
        return Number(text);
      }
      if (text === "" && field.keepIfEmpty) return undefined;
      if (text === "" && field.nullable) return null;
      if (text === "" && (field.createOnly || field.type === "select") && !field.required) return undefined;
      return text;
    };
    element = h("div", { class: "field" }, h("label", { for: id }, label), control, hint, error);
  }

  return {
    name: field.name,
    element,
    read,
    showError(message) {
      error.textContent = message;
      error.hidden = false;
      control.setAttribute("aria-invalid", "true");
      element.classList.add("has-error");
    },
    clearError() {
      error.textContent = "";
      error.hidden = true;
      control.removeAttribute("aria-invalid");
      element.classList.remove("has-error");
    },
    focus() { control.focus(); },
  };
}
