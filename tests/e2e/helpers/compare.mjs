// Helpers for the comparison screen.
import { byTestId } from "./citizen.mjs";

/** The rows of a topic group (e.g. "competences", "finances"), in screen order. */
export function groupRows(page, topic) {
  return byTestId(page, `group-${topic}`).locator("tbody tr");
}

/** The row of one item. */
export function row(page, itemId) {
  return byTestId(page, `row-${itemId}`);
}

/** The item ids of a table's rows in screen order (own items, then behaviour). */
export async function rowIds(page, topic) {
  const ids = await groupRows(page, topic).evaluateAll((rows) => rows.map((r) => r.dataset.testid));
  return ids.map((id) => id.replace(/^row-/, ""));
}
