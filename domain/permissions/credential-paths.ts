// Where secrets live. Reading them is never something an agent should do on its own, whatever
// rule was learned, so references to these paths are denied by a built-in rule.
import path from 'node:path';

const HOME_SECRETS = [
  '.ssh', '.aws', '.gnupg', '.config/gcloud', '.azure', '.kube', '.docker/config.json', '.netrc', '.npmrc', '.pypirc',
  '.git-credentials', '.config/gh', '.password-store', '.vault-token', '.terraform.d/credentials.tfrc.json',
  '.cargo/credentials', '.cargo/credentials.toml', '.claude/.credentials.json', '.config/hub', '.pgpass', '.my.cnf',
];

const SYSTEM_SECRETS = ['/etc/shadow', '/etc/gshadow', '/etc/sudoers', '/etc/sudoers.d', '/etc/ssh', '/root'];

/** Markers that betray a secret path even inside a word whose value is only known at run time. */
const SECRET_MARKERS = ['.ssh', '.aws', '.gnupg', '.netrc', '.git-credentials', '.kube', '.docker/config', 'id_rsa', 'id_ed25519', 'id_ecdsa', '/etc/shadow', '.password-store', 'gcloud', '.azure', '.pgpass', '.credentials.json'];

export function secretPaths(homeDir: string): readonly string[] {
  return [...HOME_SECRETS.map((secret) => path.posix.join(homeDir, secret)), ...SYSTEM_SECRETS];
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
export function findSecret(target: string, homeDir: string, includeAncestors: boolean): { secret: string; how: string } | null {
  for (const secret of secretPaths(homeDir)) {
    const relation = relationToSecret(target, secret);
    if (relation === 'inside') return { secret, how: `is in ${secret}` };
    if (includeAncestors && relation === 'ancestor') return { secret, how: `contains ${secret}` };
  }
  return null;
}

export function mentionsSecret(text: string): string | null {
  return SECRET_MARKERS.find((marker) => text.includes(marker)) ?? null;
}
