// The worker's workflow bundle entry point: every workflow type the orchestrator runs.
export { agentWorkflow } from './agent-workflow.ts';
export { teamWorkflow } from './team-workflow.ts';
export { hostPresenceWorkflow } from './host-presence-workflow.ts';
export { reviewWorkflow } from './review-workflow.ts';
export { webhookDeliveryWorkflow } from './webhook-delivery-workflow.ts';
