// The workflow code, bundled once when the stack starts and handed to the worker as a file:
// bundling takes seconds, and a worker the supervisor starts again after a crash should poll
// again at once, not after bundling anew.
import { bundleWorkflowCode } from '@temporalio/worker';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const WORKFLOWS_PATH = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

export async function writeWorkflowBundle(file: string): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quiet });
  await writeFile(file, code, { mode: 0o600 });
}
