import { describe, expect, it } from 'vitest';
import { probeSandbox } from './bwrap-probe.ts';

describe('probeSandbox on this host', () => {
  it('finds bwrap working here (CI provisions it), and explains a missing one', async () => {
    expect(await probeSandbox()).toMatchObject({ works: true, version: expect.stringMatching(/^bubblewrap \d/) });
    expect(await probeSandbox({ PATH: '/nonexistent' })).toMatchObject({ works: false, bwrap: null, fix: expect.stringContaining('apt-get install -y bubblewrap') });
    expect(await probeSandbox({ ORC_BWRAP: '/bin/false' })).toMatchObject({ works: false, fix: expect.stringContaining('--no-sandbox') });
  });
});
