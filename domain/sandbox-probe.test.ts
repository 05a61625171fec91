import { describe, expect, it } from 'vitest';
import { explainProbeFailure, failureLine, type UserNamespaceSwitches } from './sandbox-probe.ts';

const none: UserNamespaceSwitches = { unprivilegedUsernsClone: null, maxUserNamespaces: null, apparmorRestrictsUserns: null };

describe('explainProbeFailure', () => {
  it('says how to install bwrap, and always how to turn the sandbox off', () => {
    expect(failureLine(explainProbeFailure(null, '', none, 1000))).toBe('bubblewrap is not installed (no bwrap on PATH): apt-get install -y bubblewrap, or start agents with --no-sandbox (sandbox: off in a team spec)');
  });

  it('names the kernel switch that keeps user namespaces off', () => {
    const stderr = 'bwrap: No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces.\n';
    expect(failureLine(explainProbeFailure('/usr/bin/bwrap', stderr, { ...none, unprivilegedUsernsClone: '0' }, 1000))).toMatch(/^user namespaces are off for unprivileged users \(bwrap: No permissions.*\): sysctl -w kernel.unprivileged_userns_clone=1, or start agents with --no-sandbox/);
    expect(failureLine(explainProbeFailure('/usr/bin/bwrap', stderr, { ...none, maxUserNamespaces: '0' }, 1000))).toMatch(/sysctl -w user.max_user_namespaces=15000/);
    expect(failureLine(explainProbeFailure('/usr/bin/bwrap', 'bwrap: setting up uid map: Permission denied', { ...none, apparmorRestrictsUserns: '1' }, 1000))).toMatch(/AppArmor refuses/);
  });

  it("recognises a container's masked /proc and its seccomp profile", () => {
    expect(failureLine(explainProbeFailure('/usr/bin/bwrap', 'bwrap: Can\'t mount proc on /newroot/proc: Operation not permitted', none, 0))).toMatch(/cannot mount a fresh \/proc.*systempaths=unconfined/);
    expect(failureLine(explainProbeFailure('/usr/bin/bwrap', 'bwrap: Creating new namespace failed: Operation not permitted', none, 0))).toMatch(/seccomp=unconfined/);
    expect(failureLine(explainProbeFailure('/usr/bin/bwrap', 'bwrap: something new', none, 0))).toBe('bwrap does not work here (bwrap: something new): see what bwrap says above, or start agents with --no-sandbox (sandbox: off in a team spec)');
  });
});
