// Printing figures as the sections go, and collecting every one for the final table.
import { summary } from './stats.ts';

export const fmtMs = (n: number) => (Number.isFinite(n) ? `${Math.round(n)} ms` : 'n/a');

export function printLatency(label: string, samples: number[]) {
  const s = summary(samples);
  console.log(`  ${label.padEnd(64)} n=${String(s.n).padStart(3)}  p50 ${fmtMs(s.p50).padStart(8)}  p95 ${fmtMs(s.p95).padStart(8)}  max ${fmtMs(s.max).padStart(8)}`);
  return s;
}

export interface Row {
  section: string;
  figure: string;
  value: string;
}

export class Figures {
  readonly rows: Row[] = [];

  add(section: string, figure: string, value: string): void {
    this.rows.push({ section, figure, value });
  }

  latency(section: string, figure: string, s: ReturnType<typeof summary>): void {
    this.add(section, figure, s.n === 0 ? 'no samples' : `p50 ${fmtMs(s.p50)} · p95 ${fmtMs(s.p95)} · max ${fmtMs(s.max)} (n=${s.n})`);
  }

  print(command: string): void {
    const widths = [0, 1].map((i) => Math.max(...this.rows.map((r) => (i === 0 ? r.section : r.figure).length)));
    console.log(`\nsummary (reproduce: ${command})\n`);
    let lastSection = '';
    for (const row of this.rows) {
      const section = row.section === lastSection ? '' : row.section;
      lastSection = row.section;
      console.log(`  ${section.padEnd(widths[0]!)}  ${row.figure.padEnd(widths[1]!)}  ${row.value}`);
    }
  }
}
