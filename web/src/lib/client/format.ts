// Small formatting helpers shared by the pages.
const units: [number, string][] = [
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'm'],
  [1000, 's'],
];

/** 75_000 → "1m 15s"; the two largest units, like a person would say it. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const parts: string[] = [];
  let rest = ms;
  for (const [size, unit] of units) {
    const count = Math.floor(rest / size);
    if (count > 0 || parts.length > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
    if (parts.length === 2) break;
  }
  return parts.filter((part) => !part.startsWith('0')).join(' ') || '0s';
}

const toMs = (at: string | Date) => (typeof at === 'string' ? Date.parse(at) : at.getTime());

/** "3m 5s ago" / "in 10m" relative to `now`; "just now" within a second (the page clock ticks once a second). */
export function relative(at: string | Date, now: number): string {
  const delta = toMs(at) - now;
  if (Math.abs(delta) < 1000) return 'just now';
  return delta >= 0 ? `in ${duration(delta)}` : `${duration(-delta)} ago`;
}

export const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

export const localTime = (at: string | Date) => new Date(toMs(at)).toLocaleString();
