/**
 * An intruder for disclosure-control tests: given a table's cells (null = suppressed) and
 * the line totals the intruder knows (from the same or other published tables), finds every
 * value each suppressed cell can take, by exhaustive search over non-negative integers.
 * A suppressed cell with a single feasible value has been recovered.
 */
export interface KnownTotal {
  /** Indexes of the cells the total adds up. */
  cells: number[];
  total: number;
}

export function feasibleValues(cells: (number | null)[], totals: KnownTotal[], bound: number): Map<number, Set<number>> {
  const hidden = cells.flatMap((value, index) => (value === null ? [index] : []));
  const feasible = new Map(hidden.map((index) => [index, new Set<number>()]));
  const values = [...cells];
  const consistent = (complete: boolean) =>
    totals.every(({ cells: members, total }) => {
      const known = members.filter((m) => values[m] !== null);
      const sum = known.reduce((s, m) => s + values[m]!, 0);
      return complete || known.length === members.length ? sum === total : sum <= total;
    });
  const search = (position: number): void => {
    if (!consistent(false)) return;
    if (position === hidden.length) {
      if (consistent(true)) for (const index of hidden) feasible.get(index)!.add(values[index]!);
      return;
    }
    for (let value = 0; value <= bound; value++) {
      values[hidden[position]!] = value;
      search(position + 1);
    }
    values[hidden[position]!] = null;
  };
  search(0);
  return feasible;
}
