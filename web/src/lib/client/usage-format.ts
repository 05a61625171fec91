// Tokens and dollars as the overview and analytics show them.

/** 1_234_567 → "1.2M", 12_300 → "12.3k", 950 → "950". */
export function tokens(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1_000) return `${(n / 1_000).toFixed(1)}k`;
  return String(Math.round(n));
}

/** Cents for ordinary sums, four places for the fractions of a cent a few calls cost. */
export function dollars(n: number): string {
  return `$${n.toFixed(n > 0 && n < 0.01 ? 4 : 2)}`;
}

/** "12.3k tokens · $0.18": what an agent's model calls added up to (input, output and cache). */
export function usageLine(figures: { inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheCreationTokens: number; costUsd: number }): string {
  const all = figures.inputTokens + figures.outputTokens + figures.cacheReadTokens + figures.cacheCreationTokens;
  return `${tokens(all)} tokens · ${dollars(figures.costUsd)}`;
}

/** A chart axis in dollars: three significant digits, so close ticks ($0.035, $0.04) read apart. */
export function dollarTick(n: number): string {
  return `$${Number(n.toPrecision(3))}`;
}
