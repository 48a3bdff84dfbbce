// On a narrow window the supervisor's tables show each row as a card (see supervisor.css); each
// cell then needs its column's name beside it, copied here from the table's header row.

/** Sets `data-label` on every body cell of `table` from the header cell of its column. */
export function labelCells(table) {
  const names = [...table.tHead.rows[0].cells].map((cell) => cell.textContent);
  for (const row of table.tBodies[0].rows) {
    [...row.cells].forEach((cell, index) => {
      if (cell.colSpan === 1 && names[index]) cell.dataset.label = names[index];
    });
  }
}
