// The administration lists as read from the server, cached so a form's selects (entry point →
// queue, agent → teams) and a table's names do not re-read a list; a change to a list drops its copy.

import { lists, itemName } from "./lists.js";

export class Catalog {
  /** @param {import("/lib/api.js").Api} api */
  constructor(api) {
    this.api = api;
    /** list id → Promise of its items */
    this.cache = new Map();
  }

  /** The items of a list (`queues`, `entry-points`, ...), sorted for display. */
  items(listId) {
    if (!this.cache.has(listId)) {
      const list = lists.find((candidate) => candidate.id === listId);
      const sort = list.sort ?? ((a, b) => itemName(list, a).localeCompare(itemName(list, b)));
      const loading = this.api.get(`/v1/admin/${listId}`).then((answer) => [...answer.items].sort(sort));
      loading.catch(() => this.cache.delete(listId));
      this.cache.set(listId, loading);
    }
    return this.cache.get(listId);
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
