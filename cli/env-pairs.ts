// Collects repeatable `--env KEY=VALUE` options into one record.
import { CliError } from './errors.ts';

export function parseEnvPair(pair: string, previous: Record<string, string>): Record<string, string> {
  const index = pair.indexOf('=');
  if (index <= 0) throw new CliError(`--env "${pair}" is not KEY=VALUE`);
  return { ...previous, [pair.slice(0, index)]: pair.slice(index + 1) };
}
