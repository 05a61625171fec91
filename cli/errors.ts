// Domain errors become one clear line and a non-zero exit; nothing else reaches the user raw.
import { TRPCClientError } from '@trpc/client';

export class CliError extends Error {
  override name = 'CliError';
}

export function describeError(err: unknown, serverUrl: string): string {
  if (err instanceof CliError) return err.message;
  if (err instanceof TRPCClientError) {
    const code = (err.data as { code?: string } | undefined)?.code;
    if (!code) {
      const cause = err.cause instanceof Error ? (err.cause.cause instanceof Error ? err.cause.cause.message : err.cause.message) : err.message;
      return `cannot reach the orc server at ${serverUrl} (${cause}); start it with npm start, or point ORC_URL at it`;
    }
    if (code === 'UNAUTHORIZED') return `the server refused the token: ${err.message}`;
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
