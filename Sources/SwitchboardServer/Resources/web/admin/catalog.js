// The administration lists as read from the server, cached so a form's selects (entry point →
// queue, agent → teams) and a table's names do not re-read a list; a change to a list drops its copy.
// Each copy keeps the list's ETag: a change is sent with it as If-Match, so one based on a list
// somebody else changed meanwhile is refused (412) instead of overwriting theirs.

import { lists, itemName } from "./lists.js";

export class Catalog {
  /** @param {import("/lib/api.js").Api} api */
  constructor(api) {
    this.api = api;
    /** list id → Promise of {items, etag} */
    this.cache = new Map();
  }

  /** The items of a list (`queues`, `entry-points`, ...), sorted for display. */
  items(listId) {
    if (!this.cache.has(listId)) {
      const list = lists.find((candidate) => candidate.id === listId);
      const sort = list.sort ?? ((a, b) => itemName(list, a).localeCompare(itemName(list, b)));
      const loading = this.api.get(`/v1/admin/${listId}`, { withETag: true })
        .then(({ body, etag }) => ({ items: [...body.items].sort(sort), etag }));
      loading.catch(() => this.cache.delete(listId));
      this.cache.set(listId, loading);
    }
    return this.cache.get(listId).then((copy) => copy.items);
  }

  /** The headers that make a change to `listId` conditional on the copy shown. */
  async ifMatch(listId) {
    if (!this.cache.has(listId)) this.items(listId);
    const { etag } = await this.cache.get(listId);
    return etag ? { "If-Match": etag } : {};
  }

  /** `[{value, label}]` for a select or a group of checkboxes referring to `listId`. */
  async options(listId) {
    const list = lists.find((candidate) => candidate.id === listId);
    return (await this.items(listId)).map((item) => ({ value: item.id, label: itemName(list, item) }));
  }

  /** Forgets a list after it changed. */
  invalidate(listId) {
    this.cache.delete(listId);
  }
}
