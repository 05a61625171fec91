import type { OrcClient } from './client.ts';

/** What every command gets: a lazily made client (so --help needs no token) and a progress line writer. */
export interface CommandContext {
  client(): OrcClient;
  progress(line: string): void;
}
