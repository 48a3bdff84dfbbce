// The live queues table: per queue the calls waiting, the longest wait (ticking between
// refreshes) and the agents serving it, from `GET /v1/queues/stats`.

import { h, replaceChildren } from "/lib/dom.js";
import { t } from "/lib/i18n.js";
import { labelCells } from "./cards.js";
import { queueColor } from "./chart.js";
import { formatDuration } from "./format.js";

export class QueuesTable {
  constructor() {
    this.items = [];
    this.fetchedAt = Date.now();
    this.body = h("tbody");
    this.head = h("thead");
    this.element = h("div", { class: "table-scroll" },
      h("table", { class: "data queues-table", "aria-labelledby": "queues-title" }, this.head, this.body));
  }

  /** @param {{items: object[]}} stats the answer of `GET /v1/queues/stats` */
  update(stats, fetchedAt = Date.now()) {
    this.items = stats.items;
    this.fetchedAt = fetchedAt;
    this.render();
  }

  /** The queues in display order, for the chart's lines and legend. */
  get queues() {
    return this.items.map((item) => ({ id: item.queueId, name: item.name, waiting: item.waiting }));
  }

  render() {
    replaceChildren(this.head, h("tr", {},
      h("th", { scope: "col" }, t("queue")),
      h("th", { scope: "col", class: "number" }, t("waiting")),
      h("th", { scope: "col", class: "number" }, t("longestWait")),
      h("th", { scope: "col", class: "number" }, t("agentsAvailable")),
      h("th", { scope: "col", class: "number" }, t("agentsEngaged")),
      h("th", { scope: "col", class: "number" }, t("agentsLoggedIn"))));
    if (this.items.length === 0) {
      replaceChildren(this.body, h("tr", {}, h("td", { colspan: 6, class: "empty" }, t("noQueues"))));
      return;
    }
    replaceChildren(this.body, this.items.map((item, index) => h(
      "tr", { dataset: { queueId: item.queueId } },
      h("th", { scope: "row" }, h("span", { class: "swatch", style: { background: queueColor(index) } }), item.name),
      h("td", { class: ["number", "waiting", item.waiting > 0 && "is-waiting"] }, String(item.waiting)),
      h("td", { class: "number longest-wait", dataset: { queueId: item.queueId } }, this.longestWait(item)),
      h("td", { class: "number" }, String(item.agentsAvailable)),
      h("td", { class: "number" }, String(item.agentsEngaged)),
      h("td", { class: "number" }, String(item.agentsLoggedIn)),
    )));
    labelCells(this.element.querySelector("table"));
  }

  longestWait(item, now = Date.now()) {
    if (item.waiting === 0) return "—";
    return formatDuration(item.longestWaitSeconds + Math.max(0, (now - this.fetchedAt) / 1000));
  }

  /** Advances the longest-wait timers (called every second). */
  tick(now = Date.now()) {
    for (const item of this.items) {
      const cell = this.body.querySelector(`.longest-wait[data-queue-id="${CSS.escape(item.queueId)}"]`);
      if (!cell) continue;
      cell.textContent = this.longestWait(item, now);
      const seconds = item.longestWaitSeconds + (now - this.fetchedAt) / 1000;
      cell.classList.toggle("is-long", item.waiting > 0 && seconds >= 60);
    }
  }
}
