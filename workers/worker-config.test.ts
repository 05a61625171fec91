// The worker's configuration from its environment: the switch for hearing panes print, and the
// one clear error a wrong value gets.
import { describe, expect, it } from 'vitest';
import { readWorkerConfig } from './worker-config.ts';

describe('readWorkerConfig', () => {
  it('hears panes print unless ORC_PANE_OUTPUT_EVENTS is 0', () => {
    expect(readWorkerConfig({}).paneOutputEvents).toBe(true);
    expect(readWorkerConfig({ ORC_PANE_OUTPUT_EVENTS: '1' }).paneOutputEvents).toBe(true);
    expect(readWorkerConfig({ ORC_PANE_OUTPUT_EVENTS: '0' }).paneOutputEvents).toBe(false);
  });
  it('refuses any other value, naming the variable, the value and what is allowed', () => {
    expect(() => readWorkerConfig({ ORC_PANE_OUTPUT_EVENTS: 'off' })).toThrow('ORC_PANE_OUTPUT_EVENTS must be 1 (on) or 0 (off), not "off"');
  });
});
