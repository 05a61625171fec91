// Runs once when the server starts.
import { startRecordsWorkerIfAsked } from './lib/server/records-worker.ts';

export const init = async (): Promise<void> => {
  await startRecordsWorkerIfAsked();
};
