// Every wait in the bench has an end: a hung stack or agent becomes an error with a name.

export class BenchTimeoutError extends Error {
  override name = 'BenchTimeoutError';
}

export async function bounded<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BenchTimeoutError(`${what} did not finish within ${Math.round(ms / 1000)}s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
