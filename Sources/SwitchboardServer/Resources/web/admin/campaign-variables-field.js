// J2: a campaign's preview variables as a form control — up to six rows, each a column of the
// contact list (its header) and the label the agent's preview shows, in the order shown. It
// reads as the API's `variables`: `[{name, label}]`.

import { h, replaceChildren } from "/lib/dom.js";
import { t } from "/lib/i18n.js";

const maximum = 6;

/**
 * A fieldset for `value` (the API's `variables`); answers `{control, read}`: `control` is the
 * fieldset (it takes the error's aria attributes), `read()` the value to send.
 */
export function campaignVariablesControl(field, value, { id, label, describedBy }) {
  const rows = [];
  const body = h("div", { class: "variable-rows" });
  const add = h("button", { type: "button", class: "button small add-variable", onclick: () => addRow({ name: "", label: "" }, true) },
    `+ ${t("addVariable")}`);
  const control = h("fieldset", { class: "choice-group campaign-variables", id, "aria-describedby": describedBy },
    h("legend", {}, label), body, add);

  function render() {
    replaceChildren(body, rows.length === 0 ? h("span", { class: "muted" }, t("noVariables")) : rows.map((row) => row.element));
    add.disabled = rows.length >= maximum;
    rows.forEach((row, index) => {
      row.name.setAttribute("aria-label", t("variableColumnOf", { index: index + 1 }));
      row.label.setAttribute("aria-label", t("variableLabelOf", { index: index + 1 }));
      row.remove.setAttribute("aria-label", t("removeVariable", { index: index + 1 }));
    });
  }

  function addRow(variable, focus) {
    if (rows.length >= maximum) return;
    const row = {
      name: h("input", { type: "text", class: "mono", name: `${field.name}.name`, value: variable.name, autocomplete: "off",
        spellcheck: "false", placeholder: t("variableColumn") }),
      label: h("input", { type: "text", name: `${field.name}.label`, value: variable.label, autocomplete: "off",
        placeholder: t("label") }),
    };
    row.remove = h("button", { type: "button", class: "icon-button remove-variable", title: t("remove"),
      onclick: () => { rows.splice(rows.indexOf(row), 1); render(); add.focus(); } }, "×");
    row.element = h("div", { class: "variable-row" }, row.name, row.label, row.remove);
    rows.push(row);
    render();
    if (focus) row.name.focus();
  }

  for (const variable of value ?? []) addRow(variable, false);
  render();
  control.focus = () => (rows[0]?.name ?? add).focus();
  const read = () => rows
    .map((row) => ({ name: row.name.value.trim(), label: row.label.value.trim() }))
    .filter((variable) => variable.name !== "" || variable.label !== "");
  return { control, read };
}
