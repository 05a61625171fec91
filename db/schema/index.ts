export * from './agents.ts';
export * from './api-tokens.ts';
