// What a test sent while pieces of the stack were down, and the check that each accepted
// message arrived exactly once. A send the API refused or never answered may still have
// reached Temporal (the web app died after signalling, say), so every attempt gets its own
// text: a retry is then never mistaken for a double, and an attempt that was not accepted
// may arrive, but at most once.
import { expect } from 'vitest';
import type { OwnStack } from '../../testing/own-stack.ts';
import { countLines, messageLog } from './deliveries.ts';

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type SendOutcome = 'confirmed' | 'queued';

export class MessageLedger {
  /** Per agent, the texts the API accepted (confirmed or queued). */
  readonly accepted = new Map<string, string[]>();
  /** Per agent, the texts of attempts that failed: delivered at most once. */
  readonly unsure = new Map<string, string[]>();
  private attempts = 0;
  private readonly own: OwnStack;

  constructor(own: OwnStack) {
    this.own = own;
  }

  /**
   * Sends `echo <label>-<attempt>` until the API accepts it: confirmed, or queued when no
   * worker answers. While the web app or Temporal is down the CLI fails; then it tries again.
   */
  async sendUntilAccepted(agent: string, label: string, { timeoutMs = 120_000 } = {}): Promise<SendOutcome> {
    const deadline = Date.now() + timeoutMs;
    let lastError = '';
    while (Date.now() < deadline) {
      const outcome = await this.sendOnce(agent, label);
      if (outcome.accepted) return outcome.accepted;
      lastError = outcome.error;
      await delay(500);
    }
    throw new Error(`no send to ${agent} (${label}) was accepted within ${timeoutMs / 1000} s; the last said: ${lastError}`);
  }

  /** One attempt; what the API answered, or why it did not accept it. */
  async sendOnce(agent: string, label: string): Promise<{ accepted: SendOutcome | null; error: string }> {
    this.attempts += 1;
    const text = `${label}-${this.attempts}`;
    const result = await this.own.runOrc(['send', agent, `echo ${text}`]);
    const accepted: SendOutcome | null = result.code !== 0 ? null : result.stdout.includes('confirmed') ? 'confirmed' : result.stdout.startsWith('queued') ? 'queued' : null;
    const list = accepted ? this.accepted : this.unsure;
    list.set(agent, [...(list.get(agent) ?? []), text]);
    return { accepted, error: (result.stderr || result.stdout).trim().split('\n')[0] ?? '' };
  }

  get acceptedCount(): number {
    return [...this.accepted.values()].reduce((sum, texts) => sum + texts.length, 0);
  }

  /**
   * Every accepted message is in the log once, confirmed, and on the agent's screen once as a
   * typed command and once as its output; an attempt that failed is there at most once.
   */
  async expectEachAcceptedOnce(team: string): Promise<void> {
    const log = await messageLog(this.own, team);
    for (const [agent, texts] of this.accepted) {
      const pane = await this.own.orc(['capture', agent, '--lines', '5000']);
      const toAgent = log.filter((e) => e.to === agent);
      for (const text of texts) {
        expect(toAgent.filter((e) => e.text === `echo ${text}`).map((e) => e.state), `log entries for ${text} to ${agent}`).toEqual(['confirmed']);
        expect(countLines(pane, new RegExp(`[$#] echo ${text}$`)), `typed lines for ${text} on ${agent}\n${pane}`).toBe(1);
        expect(countLines(pane, new RegExp(`^${text}$`)), `output lines for ${text} on ${agent}\n${pane}`).toBe(1);
      }
      for (const text of this.unsure.get(agent) ?? []) {
        expect(countLines(pane, new RegExp(`^${text}$`)), `output lines for the failed attempt ${text} on ${agent}`).toBeLessThanOrEqual(1);
      }
    }
  }
}
