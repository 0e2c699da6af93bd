/**
 * Waits from booking to service, kept as a histogram so that they add up across rollup rows.
 * A median read from it is the lower bound of the bucket that holds the lower median
 * (percentile_disc(0.5)): exactly what a direct query over the orders gives with the same buckets.
 * The bounds are also written into report_wait_bucket() in migration 1764374400500-reports.ts.
 */
export const WAIT_BUCKET_HOURS = [0, 1, 2, 3, 4, 6, 8, 12, 18, 24, 36, 48, 72, 96, 120, 144, 168, 240, 336, 504] as const;

/** The lower median of a histogram (counts per bucket, in bucket order), as hours; null when empty. */
export function medianWaitHours(counts: readonly number[]): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const wanted = Math.ceil(total / 2);
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i];
    if (seen >= wanted) return WAIT_BUCKET_HOURS[i];
  }
  return WAIT_BUCKET_HOURS[WAIT_BUCKET_HOURS.length - 1];
}

/** SQL: the per-bucket sums of a wait_hist column, as columns w1 … wN. */
export function sumWaitColumns(column = 'wait_hist'): string {
  return WAIT_BUCKET_HOURS.map((_, i) => `sum(${column}[${i + 1}])::int AS w${i + 1}`).join(', ');
}

/** SQL: an int[] histogram of the rows' bucket numbers (an expression giving 1 … N). */
export function histogramOf(bucketExpr: string, filter: string): string {
  return `ARRAY[${WAIT_BUCKET_HOURS.map((_, i) => `count(*) FILTER (WHERE ${filter} AND ${bucketExpr} = ${i + 1})`).join(', ')}]::int[]`;
}

export function countsFromRow(row: Record<string, unknown>): number[] {
  return WAIT_BUCKET_HOURS.map((_, i) => Number(row[`w${i + 1}`] ?? 0));
}
