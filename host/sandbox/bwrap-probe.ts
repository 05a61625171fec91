// Runs the sandbox probe on this host (domain/sandbox-probe.ts judges it): is bwrap there, and
// does it build the namespaces an agent's sandbox needs. The worker asks once and keeps a
// success; a failure is asked again at the next launch (someone may have installed bwrap).
import { execFile } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { BWRAP_PROBE_ARGS, explainProbeFailure, type SandboxProbe, type UserNamespaceSwitches } from '../../domain/sandbox-probe.ts';

const TIMEOUT_MS = 10_000;

/** `ORC_BWRAP`, else `bwrap` on PATH. */
export function findBwrap(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.ORC_BWRAP) return env.ORC_BWRAP;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'bwrap');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

const readSwitch = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
};

export function userNamespaceSwitches(): UserNamespaceSwitches {
  return {
    unprivilegedUsernsClone: readSwitch('/proc/sys/kernel/unprivileged_userns_clone'),
    maxUserNamespaces: readSwitch('/proc/sys/user/max_user_namespaces'),
    apparmorRestrictsUserns: readSwitch('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
  };
}

function run(file: string, args: readonly string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(file, args, { timeout: TIMEOUT_MS }, (error, stdout, stderr) => done({ ok: error === null, stdout: `${stdout}`, stderr: `${stderr}` || (error ? `exited with status ${String(error.code)}` : '') }));
  });
}

export async function probeSandbox(env: NodeJS.ProcessEnv = process.env): Promise<SandboxProbe> {
  const bwrap = findBwrap(env);
  if (bwrap === null) return { works: false, bwrap, ...explainProbeFailure(null, '', userNamespaceSwitches(), process.getuid?.() ?? -1) };
  const probe = await run(bwrap, BWRAP_PROBE_ARGS);
  if (!probe.ok) return { works: false, bwrap, ...explainProbeFailure(bwrap, probe.stderr, userNamespaceSwitches(), process.getuid?.() ?? -1) };
  const version = await run(bwrap, ['--version']);
  return { works: true, bwrap, version: version.ok ? version.stdout.trim() || null : null };
}

/** The probe for a long-lived process: a success is kept, a failure tried again next time. */
export function cachedSandboxProbe(env: NodeJS.ProcessEnv = process.env): () => Promise<SandboxProbe> {
  let known: SandboxProbe | null = null;
  return async () => {
    if (known !== null) return known;
    const probe = await probeSandbox(env);
    if (probe.works) known = probe;
    return probe;
  };
}
