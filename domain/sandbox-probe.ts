// Whether bubblewrap can build an agent's sandbox on this host, and if not, the one line that
// says why and what to do. Pure: the host (host/sandbox/bwrap-probe.ts) and `orc doctor` run the
// probe command and read the kernel's switches; this module judges what they saw.

/** The probe: the same namespaces and mounts an agent's sandbox makes, around `true`. */
export const BWRAP_PROBE_ARGS = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp', '--unshare-pid', '--unshare-ipc', '--cap-drop', 'ALL', '--die-with-parent', '--', 'true'] as const;

/** The kernel switches that decide whether unprivileged user namespaces work (null: not there). */
export interface UserNamespaceSwitches {
  /** /proc/sys/kernel/unprivileged_userns_clone (Debian's patch). */
  unprivilegedUsernsClone: string | null;
  /** /proc/sys/user/max_user_namespaces. */
  maxUserNamespaces: string | null;
  /** /proc/sys/kernel/apparmor_restrict_unprivileged_userns (Ubuntu 23.10+). */
  apparmorRestrictsUserns: string | null;
}

export type SandboxProbe =
  | { works: true; bwrap: string; version: string | null }
  | { works: false; bwrap: string | null; problem: string; fix: string };

/** What went wrong and what to do, apart: doctor shows them in two columns, a launch in one line. */
export interface ProbeFailure {
  problem: string;
  fix: string;
}

/** The one line a refused launch shows. */
export const failureLine = (f: ProbeFailure): string => `${f.problem}: ${f.fix}`;

const TURN_OFF = 'or start agents with --no-sandbox (sandbox: off in a team spec)';

/** Why the probe failed, and the fix. `stderr` is bwrap's own complaint. */
export function explainProbeFailure(bwrap: string | null, stderr: string, switches: UserNamespaceSwitches, uid: number): ProbeFailure {
  const f = (problem: string, fix: string): ProbeFailure => ({ problem, fix: `${fix}, ${TURN_OFF}` });
  if (bwrap === null) return f(`bubblewrap is not installed (no bwrap on PATH)`, `apt-get install -y bubblewrap`);
  const said = stderr.trim().split('\n').filter((l) => l.trim() !== '').slice(-1)[0]?.replace(/^bwrap: /, '') ?? 'no message';
  if (uid !== 0) {
    if (switches.unprivilegedUsernsClone === '0') return f(`user namespaces are off for unprivileged users (bwrap: ${said})`, `sysctl -w kernel.unprivileged_userns_clone=1`);
    if (switches.maxUserNamespaces === '0') return f(`user namespaces are disabled (bwrap: ${said})`, `sysctl -w user.max_user_namespaces=15000`);
    if (switches.apparmorRestrictsUserns === '1') {
      return f(`AppArmor refuses unprivileged user namespaces (bwrap: ${said})`, `sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 or give bwrap an AppArmor profile`);
    }
  }
  if (/proc/i.test(said)) {
    return f(`bwrap cannot mount a fresh /proc here (bwrap: ${said})`, `in a container, run it with --security-opt systempaths=unconfined (docs/sandbox.md)`);
  }
  if (/Operation not permitted|Permission denied|No permissions/i.test(said)) {
    return f(`bwrap may not create namespaces here (bwrap: ${said})`, `in a container, run it with --security-opt seccomp=unconfined and apparmor=unconfined (docs/sandbox.md)`);
  }
  return f(`bwrap does not work here (bwrap: ${said})`, 'see what bwrap says above');
}
