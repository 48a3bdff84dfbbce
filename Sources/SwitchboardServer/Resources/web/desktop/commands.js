// Commands from the desktop to the server, and the buttons that send them. A button's enabled
// state and the tooltip explaining why it is disabled come only from the task's `controls` (K2);
// a command that fails anyway (another tab was quicker, the network dropped) is reported in a toast
// with the server's reason, and the model is left to the events.

import { h } from "/lib/dom.js";
import { t } from "/lib/i18n.js";
import { toast } from "/lib/toast.js";

/** A label for an API error: the disabled control's reason, a known code, or the server's message. */
export function describeError(error) {
  const reason = error?.details?.reason;
  if (reason && t(`reason.${reason}`) !== `reason.${reason}`) return t(`reason.${reason}`);
  const code = error?.code;
  if (code && t(`error.${code}`) !== `error.${code}`) return t(`error.${code}`, error.details ?? {});
  if (code === "network_error") return t("networkError");
  return error?.message ?? String(error);
}

/** The tooltip for a disabled control, from its server reason. */
export function reasonText(control) {
  if (!control || control.enabled) return null;
  const key = `reason.${control.reason}`;
  return t(key) === key ? control.reason : t(key);
}

/** A control's command path: `consultEnd` → `consult/end`. */
export function commandPath(name) {
  return name.replace(/[A-Z]/g, (letter) => `/${letter.toLowerCase()}`);
}

export class Commands {
  /** @param {import("./state.js").DesktopState} state */
  constructor(state) {
    this.state = state;
    this.api = state.api;
  }

  /** Runs `send` through the model; on failure shows `{action} failed: {reason}` and answers null. */
  async run(actionKey, send) {
    try {
      return await this.state.command(send);
    } catch (error) {
      toast(t("failedAction", { action: t(actionKey), message: describeError(error) }), "error");
      return null;
    }
  }

  /** `POST /v1/tasks/{id}/<control>` with an optional body. */
  task(task, control, body = {}, actionKey = control) {
    return this.run(actionKey, () => this.api.post(`/v1/tasks/${encodeURIComponent(task.id)}/${commandPath(control)}`, body));
  }

  /**
   * A button for one of the task's controls: enabled or not as the server says, with the reason
   * as its tooltip. It stays focusable while disabled (aria-disabled) so keyboard users hear why.
   */
  button(task, control, labelKey, { kind = "", onClick, focusKey } = {}) {
    const state = task.controls?.[control] ?? { enabled: false, reason: "task_closed" };
    const reason = reasonText(state);
    const button = h("button", {
      type: "button",
      class: ["button", kind],
      "aria-disabled": state.enabled ? null : "true",
      title: reason,
      dataset: { control, focusKey: focusKey ?? `${task.id}:${control}` },
    }, t(labelKey));
    button.addEventListener("click", async () => {
      if (button.getAttribute("aria-disabled") === "true" || button.dataset.busy) return;
      button.dataset.busy = "1";
      try {
        await (onClick ? onClick() : this.task(task, control, {}, labelKey));
      } finally {
        delete button.dataset.busy;
      }
    });
    return button;
  }
}
