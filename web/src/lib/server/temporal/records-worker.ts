// With the embedded database, the web app is PGlite's only client, so it also runs the
// activities that write the workflows' records (communication log, check-ins, pane
// histories). With a real PostgreSQL the host workers write them instead.
import { NativeConnection, Worker } from '@temporalio/worker';
import { createRecordActivities } from '$activities/record-activities.ts';
import { createNotificationActivities } from '$activities/notification-activities.ts';
import { WORKFLOW_TASK_QUEUE } from '$domain/names.ts';
import { getServices } from '../services.ts';

let started = false;

export async function startRecordsWorkerIfAsked(): Promise<void> {
  if (started || process.env.ORC_RECORDS_IN_WEB !== '1') return;
  started = true;
  const services = getServices();
  const { config, db } = services;
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const worker = await Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: WORKFLOW_TASK_QUEUE,
    // And the webhooks' deliveries, which need the same database.
    activities: { ...createRecordActivities({ db }), ...createNotificationActivities({ db, secretKey: await services.secretKey() }) },
  });
  process.once('sveltekit:shutdown', () => worker.shutdown());
  worker.run().then(
    () => connection.close(),
    (err: unknown) => console.error('records worker stopped:', err),
  );
}
