// Reads that return stored texts (messages up to 100,000 characters, pane histories of 3,000
// lines) are bounded in bytes as well as in rows: the newest rows first, as many as fit. Sizes
// are read first and the texts after, so rows left out are never loaded.

/** What one read returns at most, summed over its texts. */
export const MAX_TEXT_BYTES_PER_READ = 4 * 1024 * 1024;

/** The ids, newest first as given, of the rows whose texts fit the budget (always at least one). */
export function idsWithinBudget(sizes: ReadonlyArray<{ id: string; bytes: number }>, budget = MAX_TEXT_BYTES_PER_READ): string[] {
  const ids: string[] = [];
  let total = 0;
  for (const row of sizes) {
    if (ids.length > 0 && total + row.bytes > budget) break;
    total += row.bytes;
    ids.push(row.id);
  }
  return ids;
}
