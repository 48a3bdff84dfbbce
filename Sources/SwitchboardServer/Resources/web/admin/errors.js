// The text shown for a refused request. The server's English messages are precise ("this one
// has 2 digits"), so English shows them as they are; Danish shows its own sentence for the codes
// whose meaning does not depend on the request, and the server's words for the rest.

import { t, addStrings } from "/lib/i18n.js";

addStrings({
  da: {
    "error.invalid_dial_number": "Et opkaldsnummer skal have 3 til 18 cifre og må kun indeholde + # * : ud over cifrene.",
    "error.duplicate": "Der findes allerede et element med dette ID.",
    "error.in_use": "Det er i brug: {message}",
    "error.network_error": "Serveren kan ikke nås.",
    "error.forbidden": "Din rolle må ikke gøre dette.",
    "error.value_too_long": "Værdien er for lang.",
    "error.body_too_large": "Indholdet er for stort.",
    "error.unavailable": "Lejeren kan ikke tage imod ændringer lige nu. Prøv igen om lidt.",
  },
});

/** The message for an ApiError (or any error) in the page's language. */
export function describeError(error) {
  const key = `error.${error.code}`;
  const text = t(key, { message: error.message });
  return text === key ? error.message : text;
}
