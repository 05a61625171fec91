// Telling a person that a request arrived while they look elsewhere: a browser notification
// (only once they allowed it, from a button: browsers ignore or punish asking on load) for every
// request id not seen before. The first list a page shows is "seen", not news.
export class NewRequestAlerts {
  permission = $state<NotificationPermission | 'unsupported'>('unsupported');
  #seen: Set<string> | null = null;

  constructor() {
    if (typeof Notification !== 'undefined') this.permission = Notification.permission;
  }

  async ask(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    this.permission = await Notification.requestPermission();
  }

  /** Called with every list the page shows; notifies of the ids it has not seen before. */
  update(requests: ReadonlyArray<{ id: string; agent: string; tool: string; command: string | null }>): void {
    const fresh = this.#seen === null ? [] : requests.filter((request) => !this.#seen?.has(request.id));
    this.#seen = new Set(requests.map((request) => request.id));
    if (fresh.length === 0 || this.permission !== 'granted') return;
    const [first] = fresh;
    if (!first) return;
    const body = fresh.length === 1 ? `${first.agent}: ${first.tool} ${first.command ?? ''}`.trim() : `${fresh.length} new requests, from ${[...new Set(fresh.map((r) => r.agent))].join(', ')}`;
    // One tag: a burst of requests replaces the notification instead of stacking them.
    const notification = new Notification('orc: approval needed', { body, tag: 'orc-approvals' });
    notification.onclick = () => {
      window.focus();
      notification.close();
    };
  }
}
