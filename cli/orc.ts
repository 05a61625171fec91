#!/usr/bin/env -S node --experimental-strip-types --no-warnings
// Entry point of the `orc` CLI.
import { readClientSettingsUrl } from './server-url.ts';
import { describeError } from './errors.ts';
import { buildProgram } from './program.ts';

async function run() {
  await buildProgram().parseAsync(process.argv);
}

run().catch((err: unknown) => {
  process.stderr.write(`orc: ${describeError(err, readClientSettingsUrl())}\n`);
  process.exit(1);
});
