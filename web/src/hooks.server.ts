import type { ServerInit } from '@sveltejs/kit';
import { startRecordsWorkerIfAsked } from './lib/server/records-worker.ts';

export const init: ServerInit = async () => {
  await startRecordsWorkerIfAsked();
};
