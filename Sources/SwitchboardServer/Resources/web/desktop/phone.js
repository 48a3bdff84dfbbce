// The agent's phone. With the demo's `sim` provider: a small panel, clearly marked Simulated, that
// plays the agent's phone at the station's dial number through `/v1/sim/devices/{dn}` — it rings
// when a request is offered, and Answer, Hang up and Fail act as the handset would (D1, E4, E5);
// it re-reads the device after every event about the agent's tasks, so it always shows the
// server's view. With a SIP phone (L2): whether it is registered, where, and until when — and a
// warning the moment it is not, since calls offered then cannot reach it.

import { h, replaceChildren } from "/lib/dom.js";
import { icon } from "/lib/icons.js";
import { t } from "/lib/i18n.js";
import { toast } from "/lib/toast.js";
import { describeError } from "./commands.js";

export class Phone {
  /** @param {import("./state.js").DesktopState} state */
  constructor(state) {
    this.state = state;
    this.api = state.api;
    this.device = null;
    this.generation = 0;
    this.element = h("aside", { class: "pane phone", "aria-labelledby": "phone-title" });
  }

  get dialNumber() {
    return this.state.me?.dialNumber ?? null;
  }

  get enabled() {
    return this.state.me?.device?.type === "sim" && Boolean(this.dialNumber);
  }

  /** Re-reads the device (after a snapshot or an event about the agent's tasks). */
  async refresh() {
    if (!this.enabled) {
      this.device = null;
      this.render();
      return;
    }
    const generation = ++this.generation;
    try {
      const device = await this.api.get(`/v1/sim/devices/${encodeURIComponent(this.dialNumber)}`);
      if (generation !== this.generation) return;
      this.device = device;
    } catch {
      if (generation !== this.generation) return;
      this.device = null;
    }
    this.render();
  }

  render() {
    const type = this.state.me?.device?.type;
    this.element.hidden = type !== "sim" && type !== "sip";
    if (this.element.hidden) return;
    if (type === "sip") {
      this.renderSIP(this.state.me.device);
      return;
    }
    const device = this.device;
    const ringing = Boolean(device?.ringing);
    const onCall = (device?.connected?.length ?? 0) > 0;
    const statusKey = !this.dialNumber ? "phoneNotLoggedIn" : ringing ? "phoneRinging" : onCall ? "phoneOnCall" : "phoneIdle";
    this.element.dataset.phoneState = ringing ? "ringing" : onCall ? "connected" : "idle";
    replaceChildren(this.element,
      h("div", { class: "pane-head" },
        h("h2", { id: "phone-title" }, t("phoneTitle")),
        h("span", { class: "badge simulated", title: t("simulatedPhone") }, t("simulated"))),
      h("div", { class: "pane-body phone-body" },
        h("div", { class: "phone-screen" },
          h("span", { class: "phone-icon", "aria-hidden": "true" }, icon("phone", 20)),
          h("span", { class: "phone-number mono" }, this.dialNumber ?? "—"),
          h("span", { class: "phone-status", role: "status", "aria-live": "polite" }, t(statusKey))),
        h("div", { class: "phone-keys", role: "group", "aria-label": t("simulatedPhone") },
          this.key("answer", "primary", ringing),
          this.key("hangup", "danger", onCall),
          this.key("fail", "", ringing || onCall))));
  }

  /** A SIP phone: registered (its address, and until when) or not (a warning: offers will fail). */
  renderSIP(device) {
    this.element.dataset.phoneState = device.registered ? "registered" : "unregistered";
    const until = device.expiresAt
      ? new Date(device.expiresAt).toLocaleTimeString(document.documentElement.lang || [], { hour: "2-digit", minute: "2-digit" })
      : null;
    replaceChildren(this.element,
      h("div", { class: "pane-head" },
        h("h2", { id: "phone-title" }, t("phoneTitle")),
        h("span", { class: "badge" }, t("sipPhone"))),
      h("div", { class: "pane-body phone-body" },
        h("div", { class: "phone-screen" },
          h("span", { class: "phone-icon", "aria-hidden": "true" }, icon("phone", 20)),
          h("span", { class: "phone-number mono" }, this.dialNumber ?? "—"),
          h("span", { class: "phone-status", role: "status", "aria-live": "polite" },
            t(device.registered ? "phoneRegistered" : "phoneNotRegistered"))),
        device.registered
          ? h("p", { class: "phone-contact muted" },
            h("span", { class: "mono" }, device.contact ?? ""), until ? ` · ${t("registeredUntil", { time: until })}` : "")
          : h("p", { class: "phone-warning", role: "alert" }, t("phoneNotRegisteredHint"))));
  }

  key(action, kind, enabled) {
    const labelKey = { answer: "answer", hangup: "hangUp", fail: "fail" }[action];
    return h("button", {
      type: "button", class: ["button", kind], disabled: !enabled, dataset: { phone: action },
      onclick: () => this.press(action, labelKey),
    }, t(labelKey));
  }

  async press(action, labelKey) {
    // A read already on its way is older than this key press: its answer must not win.
    this.generation += 1;
    try {
      this.device = await this.api.post(`/v1/sim/devices/${encodeURIComponent(this.dialNumber)}/${action}`, {});
      this.render();
    } catch (error) {
      toast(t("failedAction", { action: t(labelKey), message: describeError(error) }), "error");
    }
    this.refresh();
  }
}
