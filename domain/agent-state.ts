// The lifecycle states an agent moves through; shared by the workflow, the API and the CLI.
export const AGENT_STATES = [
  'provisioning',
  'working',
  'idle',
  'waiting-approval',
  /** Held by its plan's usage limit (or a sustained rate limit) until a time; orc resumes it. */
  'paused',
  /**
   * Held by a dialog orc cannot answer (domain/blocking-dialog.ts) that has stayed on its screen
   * for a few seconds; a person answers it at the pane, and the agent is idle again once it goes.
   */
  'blocked',
  'exited',
  'failed',
  'stopped',
] as const;

export type AgentState = (typeof AGENT_STATES)[number];
