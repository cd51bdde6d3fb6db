import { describe, expect, it } from 'vitest';
import { type FrequencyCell, suppressedCells } from '../../../subgraphs/lib/suppression';
import { feasibleValues, type KnownTotal } from '../../utils/disclosure';

/** A two-way table (rows x columns) of counts as frequency cells, row by row. */
function table(counts: number[][]): FrequencyCell[] {
  return counts.flatMap((row, r) => row.map((count, c) => ({ coordinates: [`r${r}`, `c${c}`], count })));
}

/** What a two-way table publishes: every cell or null, and every row and column total plus the grand total. */
function published(counts: number[][], threshold: number) {
  const cells = table(counts);
  const hidden = suppressedCells(cells, threshold);
  const columns = counts[0]!.length;
  const totals: KnownTotal[] = [
    ...counts.map((row, r) => ({ cells: row.map((_, c) => r * columns + c), total: row.reduce((a, b) => a + b, 0) })),
    ...counts[0]!.map((_, c) => ({ cells: counts.map((_, r) => r * columns + c), total: counts.reduce((s, row) => s + row[c]!, 0) })),
    { cells: cells.map((_, i) => i), total: cells.reduce((s, cell) => s + cell.count, 0) },
  ];
  return { values: cells.map((cell, i) => (hidden.has(i) ? null : cell.count)), hidden, totals };
}

describe('suppression of small cells', () => {
  it('suppresses every non-zero cell below the threshold and publishes zeros', () => {
    const hidden = suppressedCells(table([[0, 1, 2, 3]]), 3);
    expect([...hidden].sort()).toEqual([1, 2]);
  });

  it('adds the smallest non-zero cell of a line holding a single suppressed cell', () => {
    const hidden = suppressedCells(table([[9, 1, 4, 0]]), 3);
    expect([...hidden].sort()).toEqual([1, 2]);
  });

  it('falls back on a zero cell when the line has no other non-zero cell', () => {
    const hidden = suppressedCells(table([[0, 2, 0]]), 3);
    expect(hidden.size).toBe(2);
    expect(hidden.has(1)).toBe(true);
  });

  it('respects a higher threshold', () => {
    expect(suppressedCells(table([[4, 5, 10]]), 5).size).toBe(2);
    expect(suppressedCells(table([[4, 5, 10]]), 3).size).toBe(0);
  });

  it.each([
    [[[5, 1, 4], [3, 2, 0]]],
    [[[1, 7, 7], [7, 7, 7], [7, 7, 7]]],
    [[[12, 1, 0, 6], [0, 0, 9, 2], [4, 4, 4, 4]]],
    [[[1, 1], [1, 1]]],
    [[[3, 0, 0], [0, 1, 0], [0, 0, 8]]],
  ])('leaves no line with a lone suppressed cell, so no suppressed value is recovered from published totals: %j', (counts) => {
    const { values, hidden, totals } = published(counts, 3);
    for (const line of totals) expect(line.cells.filter((i) => hidden.has(i)).length).not.toBe(1);
    const bound = Math.max(...totals.map((t) => t.total));
    for (const [index, options] of feasibleValues(values, totals, bound)) {
      expect(options.size, `cell ${index} (${JSON.stringify(table(counts)[index])}) recovered`).toBeGreaterThan(1);
    }
  });

  it('the intruder does recover a cell that primary suppression alone leaves', () => {
    const counts = [[5, 1, 4]];
    const values = [5, null, 4];
    const feasible = feasibleValues(values, [{ cells: [0, 1, 2], total: 10 }], 10);
    expect([...feasible.get(1)!]).toEqual([1]);
    expect(suppressedCells(table(counts), 3).size).toBe(2);
  });
});
