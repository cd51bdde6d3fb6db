/**
 * Disclosure control of a frequency table (privacy.md §5): primary suppression of every
 * cell with 0 < count < threshold (SISTAN rule 5(1)(a): the threshold is at least 3), then
 * the simple complementary rule, repeated until nothing changes: along every line of the
 * table (the cells that differ in one dimension only) a lone suppressed cell takes with it
 * the smallest other cell of the line, preferring a non-zero one. A line total is what the
 * same query with that dimension left out publishes, so no line may have exactly one
 * suppressed cell; the grand total is a line of every cell and holds with them.
 * Zero cells hold nobody and are published as 0; a suppressed cell is never shown as 0.
 */
export interface FrequencyCell {
  /** One value per dimension of the table. */
  readonly coordinates: readonly string[];
  readonly count: number;
}

/** Indexes (into `cells`) of the suppressed cells. */
export function suppressedCells(cells: readonly FrequencyCell[], threshold: number): Set<number> {
  const suppressed = new Set<number>();
  cells.forEach((cell, index) => {
    if (cell.count > 0 && cell.count < threshold) suppressed.add(index);
  });
  const dimensions = cells[0]?.coordinates.length ?? 0;
  const lines: number[][] = [];
  for (let d = 0; d < dimensions; d++) {
    const byRest = new Map<string, number[]>();
    cells.forEach((cell, index) => {
      const rest = cell.coordinates.filter((_, i) => i !== d).join('\u0000');
      byRest.set(rest, [...(byRest.get(rest) ?? []), index]);
    });
    lines.push(...byRest.values());
  }
  let changed = suppressed.size > 0;
  while (changed) {
    changed = false;
    for (const line of lines) {
      if (line.filter((index) => suppressed.has(index)).length !== 1) continue;
      const complement = line
        .filter((index) => !suppressed.has(index))
        .sort((a, b) => rank(cells[a]!.count) - rank(cells[b]!.count) || a - b)[0];
      if (complement === undefined) continue;
      suppressed.add(complement);
      changed = true;
    }
  }
  return suppressed;
}

/** Non-zero cells first, smallest first: a zero complement protects less. */
function rank(count: number): number {
  return count === 0 ? Number.MAX_SAFE_INTEGER : count;
}

/** The least minimum cell count (SISTAN rule 5(1)(a)); a subgraph may configure more, never less. */
export const MIN_CELL_COUNT = 3;
