// The Task List pane (C7): every open task of the agent with its contact type, who it is with,
// its status and a timer. Choosing a task shows it in the Interaction Control pane. The pane can be
// hidden; the request popovers then float at the bottom right of the desktop (the app moves them).

import { h, replaceChildren } from "/lib/dom.js";
import { icon } from "/lib/icons.js";
import { t } from "/lib/i18n.js";
import { contactTypeLabel, taskStatusKey, taskTitle, timerStart } from "./task-status.js";

export class TaskList {
  /**
   * @param {import("./state.js").DesktopState} state
   * @param {{selectedId: () => string|null, select: (id: string) => void}} selection
   */
  constructor(state, selection) {
    this.state = state;
    this.selection = selection;
    this.list = h("ul", { class: "task-list", "aria-labelledby": "task-list-title" });
    this.empty = h("p", { class: "empty muted" });
    this.popoverHost = h("div", { class: "popover-host" });
    this.element = h("aside", { class: "pane task-pane", "aria-labelledby": "task-list-title" },
      h("div", { class: "pane-head" }, h("h2", { id: "task-list-title" }, t("taskList")),
        h("span", { class: "count badge", "aria-live": "polite" })),
      this.popoverHost,
      this.list,
      this.empty);
  }

  render() {
    const tasks = this.state.allTasks();
    const selected = this.selection.selectedId();
    this.element.querySelector("#task-list-title").textContent = t("taskList");
    this.element.querySelector(".count").textContent = String(tasks.length);
    this.empty.hidden = tasks.length > 0;
    this.empty.textContent = t("noTasks");
    replaceChildren(this.list, tasks.map((task) => {
      const statusKey = taskStatusKey(task);
      const offer = task.status === "reserved" || task.status === "offered";
      return h("li", {},
        h("button", {
          type: "button",
          class: ["task-item", offer ? "offer" : "", task.id === selected ? "selected" : ""],
          "aria-current": task.id === selected ? "true" : null,
          dataset: { taskId: task.id, focusKey: `task:${task.id}`, status: statusKey },
          onclick: () => this.selection.select(task.id),
        },
        h("span", { class: "task-icon", "aria-hidden": "true" }, icon({ consult: "consult", callback: "callback" }[task.contactType] ?? "phone", 14)),
        h("span", { class: "task-main" },
          h("span", { class: "task-title mono" }, taskTitle(task)),
          h("span", { class: "task-sub muted" }, contactTypeLabel(task),
            task.campaign ? ` · ${task.campaign.name}` : task.queue ? ` · ${task.queue.name}` : "")),
        h("span", { class: "task-side" },
          h("span", { class: ["task-status", `status-${statusKey}`] }, t(statusKey)),
          offer ? null : h("span", { class: "timer mono", dataset: { since: timerStart(task) } }))));
    }));
  }
}
