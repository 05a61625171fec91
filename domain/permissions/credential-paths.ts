// Where secrets live. Reading them is never something an agent should do on its own, whatever
// rule was learned, so references to these paths are denied by a built-in rule.
import path from 'node:path';
import type { PermissionContext } from './types.ts';
import { SECRET_FILE_NAMES } from '../data-layout.ts';

const HOME_SECRETS = [
  '.ssh', '.aws', '.gnupg', '.config/gcloud', '.azure', '.kube', '.docker/config.json', '.netrc', '.npmrc', '.pypirc',
  '.git-credentials', '.config/gh', '.password-store', '.vault-token', '.terraform.d/credentials.tfrc.json',
  '.cargo/credentials', '.cargo/credentials.toml', '.claude/.credentials.json', '.config/hub', '.pgpass', '.my.cnf',
];

// `/proc` holds every process's environment (other agents' tokens, orc's keys) and memory.
const SYSTEM_SECRETS = ['/etc/shadow', '/etc/gshadow', '/etc/sudoers', '/etc/sudoers.d', '/etc/ssh', '/root', '/proc'];

/** What `/proc` shows of the machine, not of any process: reading it is harmless. */
const HARMLESS_PROC = new Set(['/proc/cpuinfo', '/proc/meminfo', '/proc/loadavg', '/proc/uptime', '/proc/version', '/proc/stat']);

/** Markers that betray a secret path even inside a word whose value is only known at run time. */
const SECRET_MARKERS = ['/proc/', ...SECRET_FILE_NAMES, '.ssh', '.aws', '.gnupg', '.netrc', '.git-credentials', '.kube', '.docker/config', 'id_rsa', 'id_ed25519', 'id_ecdsa', '/etc/shadow', '.password-store', 'gcloud', '.azure', '.pgpass', '.credentials.json'];

/** Where secrets are: the person's credential files, the system's, and orc's data dir. */
export function secretPaths(context: Pick<PermissionContext, 'homeDir' | 'orcDataDir'>): readonly string[] {
  const orc = context.orcDataDir === undefined ? [] : [path.posix.resolve(context.orcDataDir)];
  return [...HOME_SECRETS.map((secret) => path.posix.join(context.homeDir, secret)), ...SYSTEM_SECRETS, ...orc];
}

/** The agent's own places inside orc's data dir (its worktree, its scratch dir) are not secrets. */
function ownPlace(target: string, context: PermissionContext): boolean {
  const own = [...context.worktrees, ...(context.scratchDir === undefined ? [] : [context.scratchDir])].map((dir) => path.posix.resolve(dir));
  return own.some((root) => target === root || target.startsWith(`${root}/`));
}

function segmentMatches(pattern: string, segment: string): boolean {
  if (!/[*?[]/.test(pattern)) return pattern === segment;
  const source = pattern.replace(/[.+^${}()|\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  try {
    return new RegExp(`^${source}$`).test(segment);
  } catch {
    // An unbalanced [ is not a pattern the shell can use either; assume the worst.
    return true;
  }
}

/**
 * How an absolute path (possibly with glob characters) relates to a secret: inside it (or it),
 * an ancestor of it (a recursive reader would reach it), or unrelated.
 */
export function relationToSecret(target: string, secret: string): 'inside' | 'ancestor' | 'none' {
  const targetSegments = target.split('/').filter((segment) => segment !== '');
  const secretSegments = secret.split('/').filter((segment) => segment !== '');
  const shared = Math.min(targetSegments.length, secretSegments.length);
  for (let index = 0; index < shared; index += 1) {
    if (!segmentMatches(targetSegments[index] ?? '', secretSegments[index] ?? '')) return 'none';
  }
  return targetSegments.length >= secretSegments.length ? 'inside' : 'ancestor';
}

/** The secret a path reaches, with a phrase saying how, or null. */
export function findSecret(target: string, context: PermissionContext, includeAncestors: boolean): { secret: string; how: string } | null {
  if (HARMLESS_PROC.has(target) || ownPlace(target, context)) return null;
  for (const secret of secretPaths(context)) {
    const relation = relationToSecret(target, secret);
    if (relation === 'inside') return { secret, how: `is in ${secret}` };
    if (includeAncestors && relation === 'ancestor') return { secret, how: `contains ${secret}` };
  }
  return null;
}

export function mentionsSecret(text: string): string | null {
  return SECRET_MARKERS.find((marker) => text.includes(marker)) ?? null;
}
