export * from './agents.ts';
export * from './api-tokens.ts';
export * from './checkins.ts';
export * from './messages.ts';
export * from './teams.ts';
export * from './permission-requests.ts';
export * from './permission-rules.ts';
export * from './pane-histories.ts';
