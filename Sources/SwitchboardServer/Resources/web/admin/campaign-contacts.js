// J2: one campaign's contact list in a dialog — upload a CSV file (the server reports each line
// it left out and the columns it ignored), the counts per status and result, and every contact
// with how far it is. The list is read again on Refresh and after each upload.

import { h, replaceChildren } from "/lib/dom.js";
import { language, t } from "/lib/i18n.js";
import { describeError } from "./errors.js";

/** The most rows the table shows (the counts cover them all). */
const shownRows = 500;
/** The most left-out lines the upload report lists. */
const shownRejections = 20;
/** The results in the order the counts show them. */
const resultOrder = ["answered", "no_answer", "busy", "unreachable", "abandoned", "skipped"];

export class CampaignContacts {
  /** @param {{api: import("/lib/api.js").Api, announce: (message: string, kind?: string) => void}} options */
  constructor({ api, announce }) {
    this.api = api;
    this.announce = announce;
  }

  /** Opens the dialog for `campaign` (an item of `/v1/admin/campaigns`). */
  open(campaign) {
    this.campaign = campaign;
    const titleId = "campaign-contacts-title";
    const columns = ["name", ...campaign.variables.map((variable) => variable.name)
      .filter((name) => name !== "number" && name !== "name")];
    this.file = h("input", { type: "file", accept: ".csv,text/csv,text/plain", name: "contactsFile",
      "aria-describedby": "contacts-file-hint" });
    this.uploadButton = h("button", { type: "submit", class: "button primary upload-contacts" }, t("uploadContacts"));
    this.report = h("div", { class: "upload-report", role: "status", "aria-live": "polite" });
    this.summary = h("dl", { class: "contact-summary" });
    this.rows = h("tbody");
    this.note = h("p", { class: "muted table-note" });
    const upload = h("form", { class: "contacts-upload" },
      h("label", { class: "field" }, t("contactsFile"), this.file),
      h("span", { class: "form-hint", id: "contacts-file-hint" }, t("contactsFileHint", { columns: columns.join(", ") })),
      this.uploadButton);
    upload.addEventListener("submit", (event) => {
      event.preventDefault();
      this.upload();
    });
    this.dialog = h("dialog", { class: "form-dialog wide campaign-contacts", "aria-labelledby": titleId },
      h("div", { class: "dialog-head" },
        h("h2", { id: titleId }, t("contactsOf", { name: campaign.name })),
        h("span", { class: ["flag", campaign.active ? "is-on" : "is-off"] }, t(campaign.active ? "campaignRunning" : "campaignPaused"))),
      h("div", { class: "dialog-body" },
        upload, this.report, this.summary,
        h("div", { class: "table-scroll card" }, h("table", { class: "data contacts-table" },
          h("thead", {}, h("tr", {},
            ["contactNumber", "number", "name", "contactStatus", "contactResult", "contactAgent", "previews", "updatedAt"]
              .map((key) => h("th", { scope: "col" }, t(key))))),
          this.rows)),
        this.note),
      h("div", { class: "dialog-foot" },
        h("button", { type: "button", class: "button refresh-contacts", onclick: () => this.load() }, t("refresh")),
        h("button", { type: "button", class: "button", onclick: () => this.dialog.close() }, t("close"))));
    this.dialog.addEventListener("close", () => this.dialog.remove());
    document.body.append(this.dialog);
    this.dialog.showModal();
    this.file.focus();
    this.load();
  }

  get path() { return `/v1/admin/campaigns/${encodeURIComponent(this.campaign.id)}/contacts`; }

  async load() {
    try {
      const list = await this.api.get(this.path);
      this.renderSummary(list.summary);
      this.renderRows(list.items);
    } catch (error) {
      replaceChildren(this.rows, h("tr", {}, h("td", { colspan: 8, class: "empty", role: "alert" },
        t("loadListFailed", { message: describeError(error) }))));
    }
  }

  async upload() {
    const file = this.file.files?.[0];
    if (!file) {
      this.showReport(h("p", { class: "form-error" }, t("chooseContactsFile")));
      this.file.focus();
      return;
    }
    this.uploadButton.disabled = true;
    try {
      const text = await file.text();
      const result = await this.api.post(this.path, text, { contentType: "text/csv; charset=utf-8" });
      this.showReport(this.reportOf(result));
      this.announce(t("contactsAdded", { count: result.added }));
      this.file.value = "";
      await this.load();
    } catch (error) {
      this.showReport(h("p", { class: "form-error", role: "alert" }, t("uploadFailed", { message: describeError(error) })));
    } finally {
      this.uploadButton.disabled = false;
    }
  }

  showReport(content) {
    replaceChildren(this.report, content);
  }

  /** What the server kept, which lines it left out and why, and which columns it ignored. */
  reportOf(result) {
    const rejected = result.rejected ?? [];
    return [
      h("p", { class: "report-added" }, t("contactsAdded", { count: result.added })),
      rejected.length ? h("div", { class: "report-rejected" },
        h("p", {}, t("contactsRejected", { count: rejected.length })),
        h("ul", {}, rejected.slice(0, shownRejections).map((line) =>
          h("li", {}, h("span", { class: "mono" }, t("lineNumber", { line: line.line })), " ", line.message))),
        rejected.length > shownRejections ? h("p", { class: "muted" }, t("andMore", { count: rejected.length - shownRejections })) : null)
        : null,
      result.ignoredColumns?.length
        ? h("p", { class: "muted report-ignored" }, t("columnsIgnored", { columns: result.ignoredColumns.join(", ") })) : null,
    ];
  }

  renderSummary(summary) {
    const entries = [
      ["contactsTotal", summary.total], ["status_pending", summary.pending], ["status_in_progress", summary.inProgress],
      ...resultOrder.map((result) => [`result_${result}`, summary.results[result] ?? 0]),
    ];
    replaceChildren(this.summary, entries.map(([key, count]) =>
      h("div", { class: "summary-item", dataset: { key } }, h("dt", {}, t(key)), h("dd", { class: "number" }, String(count)))));
  }

  renderRows(items) {
    if (items.length === 0) {
      replaceChildren(this.rows, h("tr", {}, h("td", { colspan: 8, class: "empty" }, t("noContacts"))));
      this.note.textContent = "";
      return;
    }
    const time = new Intl.DateTimeFormat(language(), { dateStyle: "short", timeStyle: "short" });
    replaceChildren(this.rows, items.slice(0, shownRows).map((contact) => h("tr", { dataset: { contactId: contact.id } },
      h("td", { class: "number" }, String(contact.id)),
      h("td", { class: "mono" }, contact.number),
      h("td", {}, contact.name ?? "—"),
      h("td", {}, h("span", { class: ["contact-status", contact.status] }, t(`status_${contact.status}`))),
      h("td", { class: "contact-result" }, contact.result ? t(`result_${contact.result}`) : "—"),
      h("td", {}, contact.agentId ?? "—"),
      h("td", { class: "number" }, String(contact.previews)),
      h("td", {}, time.format(new Date(contact.updatedAt))))));
    this.note.textContent = items.length > shownRows ? t("showingFirst", { shown: shownRows, total: items.length }) : "";
  }
}
