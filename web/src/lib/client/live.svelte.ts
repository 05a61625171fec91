// Keeps every page current: one live-update stream per tab. When the server says a part
// changed, the page's data is reloaded (SvelteKit's invalidateAll); after a reconnect (a
// server restart, a laptop waking up) everything is reloaded once, since events may have been
// missed. Pages that want to react to a kind of change read `live.version` or `live.lastTopics`.
import { invalidateAll } from '$app/navigation';
import { api } from './trpc.ts';

type Topic = 'agents' | 'approvals' | 'rules' | 'messages' | 'checkins' | 'teams';

class LiveState {
  connected = $state(false);
  version = $state(0);
  lastTopics = $state<Topic[]>([]);
  /** Listeners for pages that want to know of a kind of change (e.g. new approvals → notify). */
  #listeners = new Set<(topics: Topic[]) => void>();

  start(): () => void {
    let reloading = false;
    let everConnected = false;
    const reload = async () => {
      if (reloading) return;
      reloading = true;
      try {
        await invalidateAll();
      } finally {
        reloading = false;
      }
    };
    const subscription = api.live.changes.subscribe(undefined, {
      onData: (event) => {
        const reconnected = !this.connected && everConnected;
        everConnected = true;
        this.connected = true;
        this.version = event.version;
        this.lastTopics = event.topics;
        if (event.topics.length > 0) for (const listener of this.#listeners) listener(event.topics);
        if (reconnected || event.topics.length > 0) void reload();
      },
      onError: () => (this.connected = false),
      onConnectionStateChange: (state) => {
        if (state.state !== 'pending') this.connected = false;
      },
    });
    return () => subscription.unsubscribe();
  }

  onChange(listener: (topics: Topic[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

export const live = new LiveState();
