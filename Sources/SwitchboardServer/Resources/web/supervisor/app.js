// The Supervisor page: live queues with a chart of the last hour, agents by state, and the
// interactions of the last hour with their timelines. It reads the last hour of events and the
// current snapshots once, then follows the event stream from the last `seq` it has seen.

import "./strings.js";
import { EventStream } from "/lib/events.js";
import { h, replaceChildren } from "/lib/dom.js";
import { t, applyTranslations, onLanguageChange } from "/lib/i18n.js";
import { Session, signIn, onSessionEnd } from "/lib/session.js";
import { pageHeader } from "/lib/header.js";
import { loadRecentEvents } from "./history.js";
import { WaitingHistory } from "./waiting.js";
import { WaitingChart } from "./chart.js";
import { QueuesTable } from "./queues.js";
import { AgentsTable } from "./agents.js";
import { InteractionsList } from "./interactions.js";
import { TimelineDialog } from "./timeline.js";

const page = "supervisor";
const root = document.getElementById("app");

/** A titled card; `head` goes beside the title (counts, a hint). */
function panel(titleKey, id, head, ...content) {
  return h("section", { class: `card panel ${id}-panel`, "aria-labelledby": `${id}-title` },
    h("div", { class: "panel-head" }, h("h2", { id: `${id}-title`, "data-i18n": titleKey }, t(titleKey)), head),
    ...content);
}

function hint(key) {
  return h("span", { class: "panel-hint muted", "data-i18n": key }, t(key));
}

async function start(session) {
  const header = pageHeader({ titleKey: "supervisor", session, onSignOut: () => session.end(), withConnection: true });
  const main = h("main", { class: "supervisor", "aria-busy": "true" },
    h("p", { class: "loading muted", role: "status" }, t("loadingHistory")));
  replaceChildren(root, header.element, main);

  let snapshot;
  try {
    // The snapshots are read after the history: the stream then replays from the history's last
    // `seq`, so nothing between the two is missed (a replayed agent event is overtaken by newer ones).
    const history = await loadRecentEvents(session.api);
    const [agents, stats, live] = await Promise.all([
      session.api.get("/v1/agents"), session.api.get("/v1/queues/stats"), session.api.get("/v1/interactions"),
    ]);
    snapshot = { history, agents, stats, live };
  } catch (error) {
    replaceChildren(main,
      h("div", { class: "card load-error", role: "alert" },
        h("p", {}, t("loadFailed", { message: error.message })),
        h("button", { class: "button primary", type: "button", onclick: () => start(session) }, t("retry"))));
    return;
  }
  const { history, agents, stats, live } = snapshot;

  const queues = new QueuesTable();
  queues.update(stats);
  const queueName = (id) => queues.queues.find((queue) => queue.id === id)?.name ?? id;
  const agentsTable = new AgentsTable();
  agentsTable.reset(agents.items);
  const waiting = new WaitingHistory();
  const chart = new WaitingChart();
  const timeline = new TimelineDialog({ api: session.api, agentName: (id) => agentsTable.name(id), queueName });
  const interactions = new InteractionsList({
    agentName: (id) => agentsTable.name(id),
    queueName,
    onOpen: (interaction) => timeline.open(interaction),
  });
  // The agents' snapshot is newer than the history, so the history feeds only the chart and the interactions.
  for (const event of history.events) {
    waiting.apply(event);
    interactions.apply(event);
  }
  interactions.applyLive(live);

  const redrawChart = () => chart.update(waiting.perMinute(queues.queues.map((queue) => queue.id)), queues.queues);
  main.removeAttribute("aria-busy");
  replaceChildren(main,
    h("div", { class: "column" },
      panel("queues", "queues", null, queues.element),
      panel("agents", "agents", agentsTable.counts, agentsTable.table)),
    h("div", { class: "column" },
      panel("waitingChart", "chart", hint("chartHint"), chart.element),
      panel("interactions", "interactions", hint("interactionsHint"), interactions.element)),
    timeline.dialog);
  interactions.render();
  redrawChart();

  // Queue statistics and where the interactions stand are re-read after events (several events in
  // a burst cause one read), newest answer wins.
  let refreshTimer = null;
  let refreshRequest = 0;
  const refresh = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(async () => {
      const request = ++refreshRequest;
      try {
        const [fresh, live] = await Promise.all([session.api.get("/v1/queues/stats"), session.api.get("/v1/interactions")]);
        if (request !== refreshRequest) return;
        queues.update(fresh);
        redrawChart();
        if (interactions.applyLive(live)) interactions.render();
      } catch {
        // The stream's reconnect shows the outage; the next event reads them again.
      }
    }, 150);
  };

  const stream = new EventStream({
    token: session.token,
    since: history.lastSeq,
    onStatus: (status) => header.setConnection(status),
    onUnauthorized: () => session.end(),
    onEvent: (event) => {
      if (waiting.apply(event)) redrawChart();
      if (agentsTable.apply(event)) agentsTable.render();
      if (interactions.apply(event)) interactions.render();
      timeline.apply(event);
      refresh();
    },
  });
  stream.start();

  let lastMinute = Math.floor(Date.now() / 60000);
  setInterval(() => {
    const now = Date.now();
    agentsTable.tick(now);
    queues.tick(now);
    if (Math.floor(now / 60000) !== lastMinute) {
      lastMinute = Math.floor(now / 60000);
      redrawChart();
    }
  }, 1000);

  onLanguageChange(() => {
    header.render();
    queues.render();
    agentsTable.render();
    interactions.render();
    timeline.render();
    redrawChart();
  });
  applyTranslations(root);
}

onSessionEnd(page, () => location.reload());
const session = Session.restore(page)
  ?? await signIn(root, { page, titleKey: "supervisor", roles: ["supervisor", "admin"] });
start(session);
