// Dial numbers as SPEC F1 defines them: 3 to 18 digits, and besides digits only `+ # * :`.
// Typed or pasted text keeps those characters and drops everything else (spaces, hyphens,
// parentheses, letters), so the desktop and the customer phone clean a number the same way.

const allowed = /[0-9+#*:]/g;

/** The number with every character F1 does not allow removed, and whether anything was removed. */
export function sanitizeDialNumber(text) {
  const kept = (String(text ?? "").match(allowed) ?? []).join("");
  return { value: kept, changed: kept !== String(text ?? "") };
}

/** True when `number` holds 3 to 18 digits and only F1's characters. */
export function isValidDialNumber(number) {
  if (!/^[0-9+#*:]+$/.test(number ?? "")) return false;
  const digits = number.replace(/[^0-9]/g, "").length;
  return digits >= 3 && digits <= 18;
}

/** Cleans an `<input>`'s value in place, keeping the caret; answers true when characters were dropped. */
export function sanitizeInput(input) {
  const { value, changed } = sanitizeDialNumber(input.value);
  if (changed) {
    const before = input.value.slice(0, input.selectionStart ?? input.value.length);
    const caret = sanitizeDialNumber(before).value.length;
    input.value = value;
    input.setSelectionRange?.(caret, caret);
  }
  return changed;
}

