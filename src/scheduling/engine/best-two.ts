/**
 * The regret insertions' bookkeeping: of one order's insertion costs (one per candidate route),
 * the cheapest and second-cheapest, and which route is the cheapest (-1: none is feasible),
 * written at the order's index.
 */
export function storeBestTwo(costs: Float64Array, i: number, b1: Float64Array, b2: Float64Array, slot: Int32Array): void {
  let x1 = Infinity;
  let x2 = Infinity;
  let s = -1;
  for (let k = 0; k < costs.length; k++) {
    const v = costs[k];
    if (v < x1) {
      x2 = x1;
      x1 = v;
      s = k;
    } else if (v < x2) x2 = v;
  }
  b1[i] = x1;
  b2[i] = x2;
  slot[i] = s;
}
