// One administration list (queues, entry points, ...) driven by its description in lists.js: a
// filterable table, a dialog to create or edit an item with the server's validation message next
// to the field it names, and a confirmed delete. A list may name one more action per row
// (`rowAction`, e.g. a campaign's contacts), which `onRowAction` opens.

import { h, replaceChildren } from "/lib/dom.js";
import { t } from "/lib/i18n.js";
import { ApiError } from "/lib/api.js";
import { itemName } from "./lists.js";
import { buildField } from "./fields.js";
import { describeError } from "./errors.js";

export class ListEditor {
  /**
   * @param {{list: object, api: import("/lib/api.js").Api, catalog: import("./catalog.js").Catalog,
   *          announce: (message: string, kind?: string) => void, onRowAction?: (item: object) => void}} options
   */
  constructor({ list, api, catalog, announce, onRowAction }) {
    this.list = list;
    this.onRowAction = onRowAction;
    this.api = api;
    this.catalog = catalog;
    this.announce = announce;
    this.items = null;
    this.error = null;
    this.refNames = new Map();
    this.filterText = "";
    this.highlightId = null;
    this.filter = h("input", {
      type: "search", class: "list-filter",
      oninput: () => { this.filterText = this.filter.value.trim().toLowerCase(); this.renderRows(); },
    });
    this.newButton = h("button", { type: "button", class: "button primary new-item", onclick: () => this.openForm(null) });
    this.title = h("h2", { id: `${list.id}-title` });
    this.count = h("span", { class: "list-count muted", "aria-live": "polite" });
    this.head = h("thead");
    this.body = h("tbody");
    this.table = h("table", { class: "data list-table", "aria-labelledby": `${list.id}-title`, dataset: { list: list.id } }, this.head, this.body);
    this.element = h("div", { class: "list-editor" },
      h("div", { class: "section-head" },
        h("div", { class: "section-title" }, this.title, this.count),
        h("div", { class: "section-tools" }, this.filter, this.newButton)),
      h("div", { class: "table-scroll card" }, this.table));
  }

  /**
   * Reads the list and the lists it refers to, then renders. After a change, `focusId` puts the
   * keyboard back on that item's row (or on "New" when the item is gone).
   */
  async load({ focusId } = {}) {
    this.error = null;
    this.render();
    try {
      const refs = [...new Set(this.list.columns.map((column) => column.ref).filter(Boolean))];
      const [items, ...referenced] = await Promise.all([
        this.catalog.items(this.list.id),
        ...refs.map((ref) => this.catalog.options(ref)),
      ]);
      this.items = items;
      this.refNames = new Map(refs.map((ref, index) => [ref, new Map(referenced[index].map((o) => [o.value, o.label]))]));
    } catch (error) {
      this.error = error;
    }
    this.render();
    if (focusId !== undefined) {
      const row = this.body.querySelector(`tr[data-id="${CSS.escape(focusId ?? "")}"] button.edit`);
      (row ?? this.newButton).focus();
    }
  }

  render() {
    const list = this.list;
    this.title.textContent = t(list.titleKey);
    this.newButton.textContent = `+ ${t(list.newKey)}`;
    this.filter.placeholder = t("filterPlaceholder");
    this.filter.setAttribute("aria-label", t("filter"));
    replaceChildren(this.head, h("tr", {},
      list.columns.map((column) => h("th", { scope: "col", class: column.numeric ? "number" : null }, t(column.labelKey))),
      h("th", { scope: "col", class: "actions" }, h("span", { class: "visually-hidden" }, t("actions")))));
    this.renderRows();
  }

  cell(column, item) {
    const value = column.value ? column.value(item) : item[column.key];
    const empty = column.empty ? t(column.empty) : "—";
    switch (column.type) {
      case "boolean":
        return h("span", { class: ["flag", value ? "is-on" : "is-off"] }, t(value ? "yes" : "no"));
      case "ref":
        return this.refNames.get(column.ref)?.get(value) ?? value ?? empty;
      case "refs":
        return value?.length ? value.map((id) => this.refNames.get(column.ref)?.get(id) ?? id).join(", ") : h("span", { class: "muted" }, empty);
      case "enum":
        return t(column.enumKey + value);
      case "mono":
        return value ? h("span", { class: "mono" }, value) : h("span", { class: "muted" }, empty);
      default:
        return value === null || value === undefined || value === "" ? h("span", { class: "muted" }, empty) : String(value);
    }
  }

  renderRows() {
    const columns = this.list.columns.length + 1;
    if (this.error) {
      this.count.textContent = "";
      replaceChildren(this.body, h("tr", {}, h("td", { colspan: columns, class: "empty", role: "alert" },
        t("loadListFailed", { message: describeError(this.error) }), " ",
        h("button", { type: "button", class: "button small", onclick: () => this.load() }, t("retry")))));
      return;
    }
    if (!this.items) {
      replaceChildren(this.body, h("tr", {}, h("td", { colspan: columns, class: "empty" }, t("loading"))));
      return;
    }
    const shown = this.items.filter((item) => !this.filterText
      || this.list.columns.some((column) => {
        const cell = this.cell(column, item);
        return (typeof cell === "string" ? cell : cell.textContent).toLowerCase().includes(this.filterText);
      }));
    this.count.textContent = t("itemCount", { shown: shown.length, total: this.items.length });
    if (shown.length === 0) {
      replaceChildren(this.body, h("tr", {}, h("td", { colspan: columns, class: "empty" },
        t(this.items.length === 0 ? "emptyList" : "noMatches"))));
      return;
    }
    replaceChildren(this.body, shown.map((item) => {
      const name = itemName(this.list, item);
      return h("tr", { dataset: { id: item.id }, class: item.id === this.highlightId ? "is-new" : null },
        // data-label heads each value when a narrow window shows rows as cards.
        this.list.columns.map((column, index) => h(index === 0 ? "th" : "td", {
          scope: index === 0 ? "row" : null, class: column.numeric ? "number" : null, dataset: { label: t(column.labelKey) },
        }, this.cell(column, item))),
        h("td", { class: "actions" }, h("div", { class: "row-actions" },
          this.list.rowAction && this.onRowAction
            ? h("button", { type: "button", class: ["button", "small", this.list.rowAction.key], "aria-label": `${t(this.list.rowAction.labelKey)}: ${name}`,
              onclick: () => this.onRowAction(item) }, t(this.list.rowAction.labelKey))
            : null,
          h("button", { type: "button", class: "button small edit", "aria-label": t("editItem", { name }), onclick: () => this.openForm(item) }, t("edit")),
          h("button", { type: "button", class: "button small ghost danger-text delete", "aria-label": t("deleteItem", { name }), onclick: () => this.confirmDelete(item) }, t("delete")))));
    }));
  }

  /** Opens the create (item null) or edit dialog. */
  async openForm(item) {
    const list = this.list;
    const isCreate = item === null;
    const refs = [...new Set(list.fields.map((field) => field.ref).filter(Boolean))];
    let options;
    try {
      options = new Map(await Promise.all(refs.map(async (ref) => [ref, await this.catalog.options(ref)])));
    } catch (error) {
      this.announce(t("loadListFailed", { message: describeError(error) }), "error");
      return;
    }
    const fields = list.fields
      .filter((field) => isCreate || !field.createOnly)
      .map((field) => buildField(field, item?.[field.name], { options: options.get(field.ref) ?? [], isCreate }));
    if (isCreate) {
      fields.push(buildField({ name: "id", labelKey: "idOptional", type: "text", createOnly: true, hintKey: "idHint", mono: true }, undefined, { isCreate }));
    }
    const formError = h("p", { class: "form-error", role: "alert" });
    const submit = h("button", { type: "submit", class: "button primary" }, t(isCreate ? "create" : "save"));
    const title = isCreate ? t(list.newKey) : t("editItem", { name: itemName(list, item) });
    const titleId = `${list.id}-form-title`;
    const form = h("form", { class: "item-form", novalidate: true },
      h("div", { class: "dialog-head" },
        h("h2", { id: titleId }, title),
        item ? h("span", { class: "mono muted" }, item.id) : null),
      h("div", { class: "dialog-body" }, fields.map((field) => field.element), formError),
      h("div", { class: "dialog-foot" },
        h("button", { type: "button", class: "button", onclick: () => dialog.close() }, t("cancel")),
        submit));
    const dialog = h("dialog", { class: "form-dialog", "aria-labelledby": titleId, dataset: { list: list.id } }, form);
    dialog.addEventListener("close", () => dialog.remove());
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      formError.textContent = "";
      for (const field of fields) field.clearError();
      const body = {};
      for (const field of fields) {
        const value = field.read();
        if (value !== undefined && !(field.name === "id" && value === "")) body[field.name] = value;
      }
      submit.disabled = true;
      try {
        const headers = await this.catalog.ifMatch(list.id);
        const saved = isCreate
          ? await this.api.post(`/v1/admin/${list.id}`, body, { headers })
          : await this.api.patch(`/v1/admin/${list.id}/${encodeURIComponent(item.id)}`, body, { headers });
        dialog.close();
        this.catalog.invalidate(list.id);
        this.highlightId = saved.id;
        this.announce(t(isCreate ? "created" : "updated", { name: itemName(list, saved) }));
        await this.load({ focusId: saved.id });
      } catch (error) {
        if (await this.reloadIfStale(error)) {
          dialog.close();
          this.announce(t("staleList"), "error");
          return;
        }
        // A field's own name, or a part of it (`openingHours.days[2]`).
        const named = error instanceof ApiError ? String(error.details?.field ?? "") : "";
        const field = fields.find((candidate) => named === candidate.name || named.startsWith(`${candidate.name}.`)) ?? null;
        if (field) {
          field.showError(describeError(error));
          field.focus();
        } else {
          formError.textContent = t("saveFailed", { message: describeError(error) });
        }
      } finally {
        submit.disabled = false;
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    fields[0]?.focus();
  }

  /**
   * After a 412 (somebody changed the list since it was read) the list is read again, so the
   * table shows what is in force; answers whether that was the error.
   */
  async reloadIfStale(error) {
    if (error?.status !== 412) return false;
    this.catalog.invalidate(this.list.id);
    await this.load();
    return true;
  }

  /** Asks before deleting; a refusal (the item is in use) is shown in the same dialog. */
  confirmDelete(item) {
    const name = itemName(this.list, item);
    const titleId = `${this.list.id}-delete-title`;
    const message = h("p", { class: "form-error", role: "alert" });
    const cancel = h("button", { type: "button", class: "button", onclick: () => dialog.close() }, t("cancel"));
    const confirm = h("button", { type: "button", class: "button danger confirm-delete" }, t("delete"));
    const dialog = h("dialog", { class: "confirm-dialog", role: "alertdialog", "aria-labelledby": titleId },
      h("div", { class: "dialog-head" }, h("h2", { id: titleId }, t("confirmDeleteTitle", { item: t(this.list.itemKey) }))),
      h("div", { class: "dialog-body" }, h("p", {}, t("confirmDelete", { name })), message),
      h("div", { class: "dialog-foot" }, cancel, confirm));
    dialog.addEventListener("close", () => dialog.remove());
    confirm.addEventListener("click", async () => {
      confirm.disabled = true;
      message.textContent = "";
      try {
        const headers = await this.catalog.ifMatch(this.list.id);
        await this.api.delete(`/v1/admin/${this.list.id}/${encodeURIComponent(item.id)}`, { headers });
        dialog.close();
        this.catalog.invalidate(this.list.id);
        this.announce(t("deleted", { name }));
        await this.load({ focusId: null });
      } catch (error) {
        if (await this.reloadIfStale(error)) {
          dialog.close();
          this.announce(t("staleList"), "error");
          return;
        }
        message.textContent = t("deleteFailed", { name, message: describeError(error) });
        confirm.disabled = false;
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  }
}
