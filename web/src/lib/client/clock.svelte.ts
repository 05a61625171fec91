// The current time for relative dates ("12s ago"), ticking once a second while a page shows it.
class Clock {
  now = $state(Date.now());
  #users = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  /** Call from an $effect; returns the cleanup. */
  use(): () => void {
    this.#users += 1;
    this.#timer ??= setInterval(() => (this.now = Date.now()), 1000);
    return () => {
      this.#users -= 1;
      if (this.#users === 0 && this.#timer) {
        clearInterval(this.#timer);
        this.#timer = undefined;
      }
    };
  }
}

export const clock = new Clock();
