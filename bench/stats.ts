/** Percentile by nearest rank over a copy of the samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

export const summary = (samples: number[]) => ({
  n: samples.length,
  p50: percentile(samples, 50),
  p95: percentile(samples, 95),
  min: Math.min(...samples),
  max: Math.max(...samples),
});
