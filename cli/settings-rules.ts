// The permission rules already written in a project's Claude Code settings
// (`.claude/settings.json`, shared, and `.claude/settings.local.json`, personal): read on the
// machine where the CLI runs, since the project lives there, and sent to the server, which
// checks every rule again with the engine's parser before storing it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SETTINGS_FILES = ['.claude/settings.json', '.claude/settings.local.json'] as const;

export interface SettingsRule {
  rule: string;
  effect: 'allow' | 'deny';
  /** The settings file it came from, relative to the project. */
  file: string;
}

export interface SettingsSkip {
  file: string;
  rule: string | null;
  why: string;
}

export interface SettingsRules {
  rules: SettingsRule[];
  /** What was left out here already (unreadable files, entries that are not rule text, "ask" rules). */
  skipped: SettingsSkip[];
  /** The settings files found. */
  files: string[];
}

const EFFECTS = ['allow', 'deny'] as const;

function rulesOf(file: string, settings: unknown, out: SettingsRules): void {
  const permissions = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>)['permissions'] : undefined;
  if (permissions === undefined) return;
  if (typeof permissions !== 'object' || permissions === null || Array.isArray(permissions)) {
    out.skipped.push({ file, rule: null, why: '"permissions" is not an object' });
    return;
  }
  const lists = permissions as Record<string, unknown>;
  for (const effect of EFFECTS) {
    const list = lists[effect];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      out.skipped.push({ file, rule: null, why: `permissions.${effect} is not an array` });
      continue;
    }
    for (const entry of list) {
      if (typeof entry === 'string') out.rules.push({ rule: entry, effect, file });
      else out.skipped.push({ file, rule: JSON.stringify(entry), why: `an entry of permissions.${effect} is not a rule string` });
    }
  }
  // orc has no "ask" effect: what no rule decides already waits for a person.
  if (Array.isArray(lists['ask'])) {
    for (const entry of lists['ask']) out.skipped.push({ file, rule: String(entry), why: 'an "ask" rule: orc asks a person whenever no rule decides, so there is nothing to import' });
  }
}

export async function readSettingsRules(projectDir: string): Promise<SettingsRules> {
  const out: SettingsRules = { rules: [], skipped: [], files: [] };
  for (const file of SETTINGS_FILES) {
    let text: string;
    try {
      text = await readFile(join(projectDir, file), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      out.skipped.push({ file, rule: null, why: `cannot read it: ${(err as Error).message}` });
      continue;
    }
    out.files.push(file);
    let settings: unknown;
    try {
      settings = JSON.parse(text);
    } catch (err) {
      out.skipped.push({ file, rule: null, why: `not valid JSON: ${(err as Error).message}` });
      continue;
    }
    rulesOf(file, settings, out);
  }
  return out;
}
