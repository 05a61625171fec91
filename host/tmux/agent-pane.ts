// How an agent's pane is known on its host's tmux server: the worker marks the pane at launch
// with this user option, holding the agent's id; the pane watcher, the dialog watcher and the
// web's screen reader find agents' panes by it.
export const AGENT_PANE_OPTION = '@orc-agent';
