// The "calls waiting" chart: one step line per queue over the last 60 minutes, drawn as inline
// SVG at the container's real pixel size (so the text stays crisp and readable at any width),
// with labelled axes, a legend and a text summary for screen readers.

import { h } from "/lib/dom.js";
import { t, language } from "/lib/i18n.js";

const svgNamespace = "http://www.w3.org/2000/svg";
const palette = ["#0b5cad", "#d97706", "#7c3aed", "#059669", "#db2777", "#0891b2", "#65a30d", "#dc2626"];
const margin = { top: 14, right: 24, bottom: 40, left: 48 };
const minute = 60 * 1000;

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(svgNamespace, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

/** A colour per queue, stable for the queue's position in the list. */
export function queueColor(index) {
  return palette[index % palette.length];
}

export class WaitingChart {
  constructor() {
    this.titleId = "waiting-chart-title";
    this.descriptionId = "waiting-chart-description";
    this.canvas = h("div", { class: "chart-canvas" });
    this.legend = h("ul", { class: "chart-legend", "aria-hidden": "true" });
    this.element = h("div", { class: "chart" }, this.canvas, this.legend);
    this.data = null;
    new ResizeObserver(() => this.draw()).observe(this.canvas);
  }

  /**
   * @param {{minutes: number[], series: Map<string, number[]>}} perMinute
   * @param {{id: string, name: string, waiting: number}[]} queues each with the number waiting now
   */
  update(perMinute, queues) {
    this.data = { ...perMinute, queues };
    this.draw();
  }

  draw() {
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    if (!this.data || width < 50 || height < 50) return;
    const { minutes, series, queues } = this.data;
    const count = minutes.length;
    const peak = Math.max(0, ...queues.flatMap((queue) => series.get(queue.id) ?? []));
    const step = Math.max(1, Math.ceil(Math.max(peak, 4) / 4));
    const top = step * Math.ceil(Math.max(peak, 4) / step);
    const plotWidth = width - margin.left - margin.right;
    const plotHeight = height - margin.top - margin.bottom;
    const x = (index) => margin.left + (index / count) * plotWidth;
    const y = (value) => margin.top + plotHeight - (value / top) * plotHeight;

    const nowCounts = queues.map((queue) => `${queue.name} ${queue.waiting}`).join(", ");
    const chart = svg("svg", {
      width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
      "aria-labelledby": `${this.titleId} ${this.descriptionId}`,
    });
    chart.append(
      svg("title", { id: this.titleId }, t("waitingChart")),
      svg("desc", { id: this.descriptionId }, t("waitingChartSummary", { now: nowCounts || "0", peak })),
    );

    const grid = svg("g", { class: "chart-grid" });
    for (let value = 0; value <= top; value += step) {
      grid.append(
        svg("line", { x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value) }),
        svg("text", { x: margin.left - 8, y: y(value), "text-anchor": "end", "dominant-baseline": "middle" }, String(value)),
      );
    }
    const clock = new Intl.DateTimeFormat(language(), { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    const labelEvery = plotWidth < 360 ? 20 : 10;
    for (let index = 0; index <= count; index += 1) {
      const at = minutes[0] + index * minute;
      if (new Date(at).getMinutes() % labelEvery !== 0) continue;
      grid.append(
        svg("line", { class: "tick", x1: x(index), x2: x(index), y1: margin.top + plotHeight, y2: margin.top + plotHeight + 5 }),
        svg("text", { x: x(index), y: margin.top + plotHeight + 18, "text-anchor": "middle" }, clock.format(at)),
      );
    }
    grid.append(
      svg("line", { class: "axis", x1: margin.left, x2: width - margin.right, y1: y(0), y2: y(0) }),
      svg("line", { class: "axis", x1: margin.left, x2: margin.left, y1: margin.top, y2: y(0) }),
      svg("text", { class: "axis-title", x: width - margin.right, y: height - 4, "text-anchor": "end" }, t("chartTime")),
      svg("text", {
        class: "axis-title", x: 0, y: 0, "text-anchor": "middle",
        transform: `translate(12 ${margin.top + plotHeight / 2}) rotate(-90)`,
      }, t("chartCallsWaiting")),
    );
    chart.append(grid);

    queues.forEach((queue, index) => {
      const values = series.get(queue.id) ?? [];
      if (values.length === 0) return;
      let line = `M${x(0)},${y(values[0])}`;
      values.forEach((value, bucket) => {
        line += `H${x(bucket + 1)}`;
        if (bucket + 1 < values.length) line += `V${y(values[bucket + 1])}`;
      });
      const color = queueColor(index);
      chart.append(
        svg("path", { d: `${line}V${y(0)}H${x(0)}Z`, fill: color, "fill-opacity": 0.08, stroke: "none" }),
        svg("path", { d: line, fill: "none", stroke: color, "stroke-width": 2, "stroke-linejoin": "round" }),
      );
    });
    // Hovering a minute tells its values (a native tooltip per minute column).
    const hover = svg("g", { class: "chart-hover" });
    minutes.forEach((at, index) => {
      const values = queues.map((queue) => `${queue.name} ${(series.get(queue.id) ?? [])[index] ?? 0}`).join(", ");
      hover.append(svg("rect", { x: x(index), y: margin.top, width: plotWidth / count, height: plotHeight },
        svg("title", {}, `${clock.format(at)} · ${values}`)));
    });
    chart.append(hover);
    this.canvas.replaceChildren(chart);

    this.legend.replaceChildren(...queues.map((queue, index) => h(
      "li", {},
      h("span", { class: "swatch", style: { background: queueColor(index) } }),
      queue.name,
      h("span", { class: "muted" }, ` · ${t("chartNow")} ${queue.waiting}`),
    )));
  }
}
