// The lifecycle states an agent moves through; shared by the workflow, the API and the CLI.
export const AGENT_STATES = [
  'provisioning',
  'working',
  'idle',
  'waiting-approval',
  /** Held by its plan's usage limit (or a sustained rate limit) until a time; orc resumes it. */
  'paused',
  'exited',
  'failed',
  'stopped',
] as const;

export type AgentState = (typeof AGENT_STATES)[number];
