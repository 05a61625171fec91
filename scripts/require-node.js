// Runs first in `npm start` and `npm run demo`, and decides for .ci/provision.sh and `orc doctor`
// whether a Node is new enough. Plain JavaScript on purpose: the rest of orc is TypeScript, which
// Node runs without a flag only from 22.18 (23.6 on the 23 line), and an older Node stops at
// ERR_UNKNOWN_FILE_EXTENSION ".ts" without saying what to do. Any Node from 12.17 runs this file.
import { realpathSync } from 'fs';
import { fileURLToPath } from 'url';

export const MINIMUM_NODE = '22.18';

/** True when this Node runs TypeScript files as they are (type stripping on by default). */
export function nodeIsNewEnough(version) {
  const [major, minor] = String(version).replace(/^v/, '').split('.').map(Number);
  if (major === 22) return minor >= 18;
  if (major === 23) return minor >= 6;
  return major >= 24;
}

export function nodeVersionMessage(version, execPath) {
  return (
    `orc needs Node.js >= ${MINIMUM_NODE} (24 LTS recommended), but found Node ${version} at ${execPath}. ` +
    'Fix: bash scripts/bootstrap.sh (installs Node 24 into .tools/ and starts orc)'
  );
}

function runDirectly() {
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false; // no script (node -e), or not a file
  }
}

if (runDirectly() && !nodeIsNewEnough(process.versions.node)) {
  process.stderr.write(`${nodeVersionMessage(process.versions.node, process.execPath)}\n`);
  process.exit(1);
}
