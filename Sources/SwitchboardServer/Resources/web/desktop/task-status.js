// What the desktop says about a task, read from the server's task as it is: the customer and the
// consult legs, the status text beside the timer (exactly SPEC's "Call on hold", "Consult requested",
// "Consulting", "Consult on hold"), the instant the timer counts from, and labels for offers.

import { t } from "/lib/i18n.js";

export const customerLeg = (task) => task.legs?.find((leg) => leg.kind === "customer") ?? null;
export const consultLeg = (task) => task.legs?.find((leg) => leg.kind === "consult") ?? null;

/** The i18n key of a leg's status. */
export function legStatusKey(leg) {
  if (!leg) return null;
  if (leg.conferenced) return "inConference";
  if (leg.kind === "customer") return leg.state === "held" ? "callOnHold" : "connected";
  return { ringing: "consultRequested", queued: "consultRequested", connected: "consulting", held: "consultOnHold" }[leg.state]
    ?? "connected";
}

/** The i18n key of the task's status, shown beside its timer and in the Task List. */
export function taskStatusKey(task) {
  if (task.status === "reserved") return "connecting";
  // J2: a campaign contact waiting for Call or Skip; nothing rings yet.
  if (task.campaign?.preview) return "previewing";
  if (task.status === "offered") return "ringing";
  if (task.status === "wrapup") return "wrapUpState";
  const consult = consultLeg(task);
  if (consult) return legStatusKey(consult);
  return legStatusKey(customerLeg(task)) ?? "connected";
}

/** The instant the task's timer counts from: since connected, or since this agent received the request. */
export function timerStart(task) {
  return task.connectedAt ?? task.offeredAt ?? task.arrivedAt;
}

/** "Inbound call", "Callback", "Consult" …: the task's contact type. */
export function contactTypeLabel(task) {
  const key = { inbound: "contactTypeInbound", outbound: "contactTypeOutbound", callback: "contactTypeCallback",
    consult: "contactTypeConsult" }[task.contactType];
  return key ? t(key) : task.contactType ?? "";
}

/** Who the task is with, for titles: the customer's number, or the consulting agent for a consult. */
export function taskTitle(task) {
  return task.ani ?? t("customer");
}

/** A popover variable's label: the standard consult and callback ones in the page's language (C4, C5). */
export function variableLabel(variable) {
  const standard = { agentName: "agentNameVar", agentDN: "agentDNVar", agentTeam: "agentTeamVar",
    phoneNumber: "phoneNumberVar", queueName: "queueNameVar", dnis: "dnisVar" }[variable.name];
  return standard ? t(standard) : variable.label;
}
