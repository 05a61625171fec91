// A host's name keys its activity task queue (`host/<name>`), so it is normalised the same
// way wherever it is computed: by the worker that serves it and the server that targets it.
export function normalizeHostName(raw: string): string {
  const name = raw.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '');
  return name === '' ? 'localhost' : name.slice(0, 63);
}
