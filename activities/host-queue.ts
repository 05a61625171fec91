// Everything the worker of one host serves on its own queue `host/<name>`: tmux and agent
// work (answering permission dialogs and agent controls included), and git work in the agents' workspaces.
import type { ControlActivities } from './control-activities.ts';
import type { DialogActivities } from './dialog-activities.ts';
import type { createGitActivities } from './git-activities.ts';
import type { createHostActivities } from './host-activities.ts';

export type HostQueueActivities = ReturnType<typeof createHostActivities> & ReturnType<typeof createGitActivities> & DialogActivities & ControlActivities;
