// `node scripts/check-compose.ts [file]`: checks docker-compose.yml without Docker. The file
// is interpolated as Compose does (${VAR}, ${VAR:-default}, ${VAR:?error}, $$), validated
// against the Compose Specification's JSON schema (the copy that dclint ships), and then
// checked for what the schema cannot see: depends_on targets and their conditions, cycles,
// declared volumes and configs, build targets that exist in the Dockerfile, pinned image
// tags, ports published on 127.0.0.1 only, and one ORC_HOST_NAME for web and worker.
// Exits 1 with one line per problem.
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'];

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Compose's interpolation; a required variable that is unset gets a placeholder, so that the
 * file can be checked without secrets (Compose itself would stop with the variable's message). */
export function interpolate(text: string, env: NodeJS.ProcessEnv, problems: string[], where: string): string {
  const pattern = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*)|(\{[^}]*\}?))/g;
  return text.replace(pattern, (_match, dollar: string | undefined, name: string | undefined, colon: string | undefined, op: string | undefined, arg: string | undefined, bare: string | undefined, bad: string | undefined) => {
    if (dollar) return '$';
    if (bad !== undefined) {
      problems.push(`${where}: invalid interpolation "$${bad}" (write $$ for a literal $)`);
      return '';
    }
    if (bare) return env[bare] ?? '';
    const value = env[name!];
    const unset = colon ? !value : value === undefined;
    switch (op) {
      case '-':
        return unset ? interpolate(arg ?? '', env, problems, where) : value!;
      case '?':
        return unset ? 'check-compose-placeholder' : value!;
      case '+':
        return unset ? '' : interpolate(arg ?? '', env, problems, where);
      default:
        return value ?? '';
    }
  });
}

function interpolateTree(node: Json, env: NodeJS.ProcessEnv, problems: string[], path: string): Json {
  if (typeof node === 'string') return interpolate(node, env, problems, path);
  if (Array.isArray(node)) return node.map((item, i) => interpolateTree(item, env, problems, `${path}[${i}]`));
  if (isObject(node)) {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolateTree(value, env, problems, path ? `${path}.${key}` : key)]));
  }
  return node;
}

function loadComposeSchema(): object {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('dclint/package.json'));
  const schema = JSON.parse(readFileSync(join(dir, 'schemas', 'compose.schema.json'), 'utf8')) as { $schema?: string };
  // It names draft-07 by an https URL that Ajv does not know; Ajv's default dialect is draft-07.
  delete schema.$schema;
  return schema;
}

/** depends_on in either form, as target -> condition. */
function dependencies(service: JsonObject): Map<string, Json> {
  const raw = service.depends_on;
  if (Array.isArray(raw)) return new Map(raw.map((name) => [String(name), 'service_started']));
  if (isObject(raw)) return new Map(Object.entries(raw).map(([name, spec]) => [name, isObject(spec) ? (spec.condition ?? 'service_started') : 'service_started']));
  return new Map();
}

function dockerfileStages(file: string): Set<string> | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  return new Set([...text.matchAll(/^\s*FROM\s+.+?\s+AS\s+([A-Za-z0-9_.-]+)\s*$/gim)].map((m) => m[1]!.toLowerCase()));
}

function shortHostPort(spec: string): { hostIp: string | null; published: string | null } {
  // [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL], HOST_IP possibly in [brackets].
  const withoutProto = spec.replace(/\/(tcp|udp|sctp)$/, '');
  const bracket = /^\[([^\]]+)\]:(.*)$/.exec(withoutProto);
  const parts = bracket ? [bracket[1]!, ...bracket[2]!.split(':')] : withoutProto.split(':');
  if (parts.length === 3) return { hostIp: parts[0]!, published: parts[1]! };
  if (parts.length === 2) return { hostIp: null, published: parts[0]! };
  return { hostIp: null, published: null };
}

export function checkCompose(file: string, env: NodeJS.ProcessEnv = process.env): { problems: string[]; summary: string } {
  const problems: string[] = [];
  let raw: Json;
  try {
    raw = parse(readFileSync(file, 'utf8')) as Json;
  } catch (err) {
    return { problems: [`cannot read ${file} as YAML: ${err instanceof Error ? err.message : String(err)}`], summary: '' };
  }
  if (!isObject(raw)) return { problems: [`${file}: the top level is not a mapping`], summary: '' };
  const doc = interpolateTree(raw, env, problems, '') as JsonObject;

  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(loadComposeSchema());
  if (!validate(doc)) {
    for (const error of validate.errors ?? []) {
      const params = Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : '';
      problems.push(`schema: ${error.instancePath || '/'} ${error.message ?? 'is invalid'}${params}`);
    }
  }

  const services = isObject(doc.services) ? doc.services : {};
  const names = Object.keys(services);
  if (names.length === 0) problems.push('no services');
  const declaredVolumes = new Set(Object.keys(isObject(doc.volumes) ? doc.volumes : {}));
  const declaredConfigs = new Set(Object.keys(isObject(doc.configs) ? doc.configs : {}));
  const published = new Map<string, string>();
  let edges = 0;

  for (const [name, value] of Object.entries(services)) {
    if (!isObject(value)) continue;
    const where = `services.${name}`;

    for (const [target, condition] of dependencies(value)) {
      edges++;
      const dependency = services[target];
      if (!isObject(dependency)) {
        problems.push(`${where}.depends_on: no service named "${target}"`);
        continue;
      }
      if (typeof condition !== 'string' || !CONDITIONS.includes(condition)) {
        problems.push(`${where}.depends_on.${target}.condition: "${String(condition)}" is not one of ${CONDITIONS.join(', ')}`);
      } else if (condition === 'service_healthy') {
        const check = dependency.healthcheck;
        if (!isObject(check) || check.disable === true || !check.test) {
          problems.push(`${where}.depends_on.${target}: service_healthy, but ${target} has no healthcheck`);
        }
      } else if (condition === 'service_completed_successfully') {
        const restart = dependency.restart;
        if (restart === 'always' || restart === 'unless-stopped') {
          problems.push(`${where}.depends_on.${target}: service_completed_successfully, but ${target} restarts ("${restart}") instead of completing`);
        }
      }
    }

    const image = value.image;
    if (typeof image === 'string' && !isObject(value.build)) {
      const tag = /^(?:[^/]+\/)*[^:/@]+(?::([^@]+))?(?:@sha256:[0-9a-f]{64})?$/.exec(image);
      if (!tag || (!tag[1] && !image.includes('@sha256:'))) problems.push(`${where}.image: "${image}" has no tag; pin a version`);
      else if (tag[1] === 'latest') problems.push(`${where}.image: "${image}" uses "latest"; pin a version`);
    }

    const build = value.build;
    if (isObject(build) || typeof build === 'string') {
      const context = resolve(dirname(file), typeof build === 'string' ? build : String(build.context ?? '.'));
      const dockerfile = resolve(context, isObject(build) && typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile');
      const stages = dockerfileStages(dockerfile);
      if (stages === null) problems.push(`${where}.build: no Dockerfile at ${dockerfile}`);
      else if (isObject(build) && typeof build.target === 'string' && !stages.has(build.target.toLowerCase())) {
        problems.push(`${where}.build.target: "${build.target}" is not a stage of ${dockerfile} (stages: ${[...stages].join(', ')})`);
      }
    }

    for (const mount of Array.isArray(value.volumes) ? value.volumes : []) {
      let source: string | null = null;
      if (typeof mount === 'string') {
        const first = mount.split(':')[0] ?? '';
        if (mount.includes(':') && !/^[./~]/.test(first)) source = first;
      } else if (isObject(mount) && (mount.type ?? 'volume') === 'volume' && typeof mount.source === 'string') {
        source = mount.source;
      }
      if (source !== null && !declaredVolumes.has(source)) problems.push(`${where}.volumes: named volume "${source}" is not declared under volumes:`);
    }

    for (const ref of Array.isArray(value.configs) ? value.configs : []) {
      const source = typeof ref === 'string' ? ref : isObject(ref) ? ref.source : undefined;
      if (typeof source === 'string' && !declaredConfigs.has(source)) problems.push(`${where}.configs: "${source}" is not declared under configs:`);
    }

    for (const port of Array.isArray(value.ports) ? value.ports : []) {
      const { hostIp, published: hostPort } =
        typeof port === 'string' || typeof port === 'number'
          ? shortHostPort(String(port))
          : isObject(port)
            ? { hostIp: typeof port.host_ip === 'string' ? port.host_ip : null, published: port.published === undefined ? null : String(port.published) }
            : { hostIp: null, published: null };
      if (hostIp !== '127.0.0.1') {
        problems.push(`${where}.ports: ${typeof port === 'string' ? `"${port}"` : JSON.stringify(port)} is published on ${hostIp ?? 'every interface'}; publish on 127.0.0.1 only (the services behind it have no authentication of their own)`);
      }
      if (hostPort) {
        const key = `${hostIp ?? '*'}:${hostPort}`;
        const other = published.get(key);
        if (other) problems.push(`${where}.ports: host port ${key} is also published by ${other}`);
        published.set(key, name);
      }
    }
  }

  // Cycles in depends_on would leave Compose unable to order the start.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      problems.push(`depends_on cycle: ${[...trail.slice(trail.indexOf(name)), name].join(' -> ')}`);
      return;
    }
    state.set(name, 'visiting');
    const service = services[name];
    if (isObject(service)) for (const target of dependencies(service).keys()) if (target in services) visit(target, [...trail, name]);
    state.set(name, 'done');
  };
  for (const name of names) visit(name, []);

  // The web app sends an agent's activities to host/<ORC_HOST_NAME>, the queue the worker polls.
  const hostName = (service: string): Json | undefined => {
    const s = services[service];
    if (!isObject(s)) return undefined;
    const environment = s.environment;
    if (isObject(environment)) return environment.ORC_HOST_NAME;
    if (Array.isArray(environment)) {
      const entry = environment.find((e) => typeof e === 'string' && e.startsWith('ORC_HOST_NAME='));
      return typeof entry === 'string' ? entry.slice('ORC_HOST_NAME='.length) : undefined;
    }
    return undefined;
  };
  if ('web' in services && 'worker' in services && hostName('web') !== hostName('worker')) {
    problems.push(`ORC_HOST_NAME differs between web (${String(hostName('web'))}) and worker (${String(hostName('worker'))}): the worker would not serve the web app's default host`);
  }

  return { problems, summary: `${names.length} services, ${edges} depends_on edges, schema valid` };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const file = resolve(process.argv[2] ?? join(REPO_ROOT, 'docker-compose.yml'));
  const { problems, summary } = checkCompose(file);
  if (problems.length > 0) {
    console.error(`check-compose: ${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
    for (const problem of problems) console.error(`  - ${problem}`);
    process.exit(1);
  }
  console.log(`check-compose: ${file}: ok (${summary})`);
}
