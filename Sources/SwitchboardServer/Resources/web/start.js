// The start page: links to every page, in the chosen language; the customer phone only with `sim`.
import { addStrings, applyTranslations, languagePicker } from "/lib/i18n.js";

addStrings({
  en: {
    agentDesktopHint: "Take calls: state, popovers, hold, consult, transfer, conference, wrap-up.",
    supervisorHint: "Live queues, agents by state and every interaction's timeline.",
    administrationHint: "Settings, queues, entry points, teams, agents, reasons, call data, address book, directory.",
    customerPhoneHint: "Play a customer on the simulated phone network: call an entry point, wait, hang up.",
  },
  da: {
    agentDesktopHint: "Tag opkald: status, popovers, venteposition, rådgivning, omstilling, konference, afslutning.",
    supervisorHint: "Køer live, agenter efter status og hver interaktions tidslinje.",
    administrationHint: "Indstillinger, køer, indgangspunkter, teams, agenter, årsager, opkaldsdata, adressebog, katalog.",
    customerPhoneHint: "Spil kunde på det simulerede telefonnet: ring til et indgangspunkt, vent, læg på.",
  },
});

document.getElementById("language").append(languagePicker());
applyTranslations();

// The customer phone needs the simulated phone network, which answers this list only when it is on.
fetch("/v1/sim/entry-points")
  .then((response) => {
    if (response.ok) document.getElementById("customer-link").hidden = false;
  })
  .catch(() => {}); // No server, no simulated network: the link stays hidden.
