// How long a PermissionRequest hook waits for a person before it gives up and lets the agent's
// own dialog appear. It must stay under the hook's own timeout (30 s in
// host/claude-settings.ts), or Claude Code stops listening before orc answers.
const DEFAULT_WAIT_MS = 20_000;
const MAX_WAIT_MS = 28_000;

export function approvalWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ORC_APPROVAL_WAIT_MS;
  if (raw === undefined || raw === '') return DEFAULT_WAIT_MS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`ORC_APPROVAL_WAIT_MS must be a whole number of milliseconds (0 to ${MAX_WAIT_MS}), not "${raw}"`);
  }
  return Math.min(value, MAX_WAIT_MS);
}
