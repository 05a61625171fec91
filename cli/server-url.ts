export const readClientSettingsUrl = (env: NodeJS.ProcessEnv = process.env): string =>
  (env.ORC_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
