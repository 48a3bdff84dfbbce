// The HTTP side of API.md: JSON in and out, the bearer token, the error shape, Idempotency-Key.

/** An error answered by the server in the API's shape, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(status, code, message, details = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** How long a command waits before each retry after its answer was lost. */
const RETRY_DELAYS_MS = [250, 1000, 2500];

/** A client bound to one signed-in user (or to nobody, for sign-in and the `sim` customer calls). */
export class Api {
  /** @param {string|null} token bearer token; @param {() => void} onUnauthorized called on any 401 */
  constructor(token = null, onUnauthorized = () => {}) {
    this.token = token;
    this.onUnauthorized = onUnauthorized;
  }

  get(path, options = {}) { return this.request("GET", path, undefined, options); }
  delete(path, options = {}) { return this.request("DELETE", path, undefined, options); }
  post(path, body = {}, options = {}) { return this.request("POST", path, body, options); }
  put(path, body = {}, options = {}) { return this.request("PUT", path, body, options); }
  patch(path, body = {}, options = {}) { return this.request("PATCH", path, body, options); }

  /**
   * Sends one request and answers the parsed body.
   * Commands get an `Idempotency-Key`; one whose answer is lost is sent again with the same key,
   * so the retry changes nothing (K3). With `withETag` it answers `{body, etag}` (the `ETag` header).
   * @throws {ApiError}
   */
  async request(method, path, body, { idempotencyKey, headers = {}, withETag = false, contentType } = {}) {
    const init = { method, headers: { Accept: "application/json", ...headers } };
    if (this.token) init.headers.Authorization = `Bearer ${this.token}`;
    if (body !== undefined) {
      // With `contentType` the body is sent as it is (a CSV file), else as JSON.
      init.headers["Content-Type"] = contentType ?? "application/json";
      init.body = contentType ? body : JSON.stringify(body);
    }
    const isCommand = method !== "GET" && method !== "DELETE" && idempotencyKey !== null;
    if (isCommand) init.headers["Idempotency-Key"] = idempotencyKey ?? newRequestId();
    let response;
    for (let attempt = 0; ; attempt += 1) {
      try {
        response = await fetch(path, init);
        break;
      } catch (error) {
        // The answer was lost (the request may have arrived): a command is sent again with the
        // same Idempotency-Key, so the server answers the first outcome and does nothing twice (K3).
        if (!isCommand || attempt >= RETRY_DELAYS_MS.length) {
          throw new ApiError(0, "network_error", "The server cannot be reached.", { cause: String(error) });
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
      }
    }
    const text = await response.text();
    let json = null;
    if (text) {
      try { json = JSON.parse(text); } catch { json = null; }
    }
    if (!response.ok) {
      const shaped = json?.error;
      if (response.status === 401) this.onUnauthorized();
      throw new ApiError(
        response.status,
        shaped?.code ?? "http_" + response.status,
        shaped?.message ?? response.statusText,
        shaped?.details ?? {},
      );
    }
    return withETag ? { body: json, etag: response.headers.get("ETag") } : json;
  }

  /** Signs in and answers `{token, role, agentId?}`. */
  static async signIn(tenant, username, password) {
    return new Api().post("/v1/auth/login", { tenant, username, password }, { idempotencyKey: null });
  }
}

/** A fresh id for `Idempotency-Key`. */
export function newRequestId() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  return Date.now().toString(36) + Math.random().toString(36).slice(2);
}
