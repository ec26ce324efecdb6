// Generates a synthetic TypeScript project for the benchmark: module groups of eight files (model, repository,
// service, routes, validation, mapping, jobs, export) that import each other and a few shared modules, and about
// 3% socket and server files with the patterns the rules look at, some flagged and some safe.
// Deterministic: the same size always gives the same files.
import fs from 'node:fs';
import path from 'node:path';
import { SOCKET_TEMPLATES } from './socket-templates.js';

const NOUNS = [
  'Order',
  'Invoice',
  'Customer',
  'Shipment',
  'Product',
  'Ticket',
  'Account',
  'Payment',
  'Report',
  'Booking',
  'Device',
  'Message',
  'Project',
  'Task',
  'Coupon',
  'Review',
];
const KINDS = ['model', 'repository', 'service', 'routes', 'validation', 'mapping', 'jobs', 'export'];
/** One module group in this many gets a socket file in place of its mapping file: 1 file in 32, about 3%. */
const SOCKET_EVERY = 4;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2023',
    lib: ['ES2023'],
    module: 'nodenext',
    moduleResolution: 'nodenext',
    types: ['node'],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  },
  include: ['src'],
};

const SHARED = {
  'shared/logger.ts': `export type Level = 'debug' | 'info' | 'warn' | 'error';

export class Logger {
  private static level: Level = 'info';
  private readonly order: Level[] = ['debug', 'info', 'warn', 'error'];

  constructor(private readonly scope: string) {}

  static setLevel(level: Level): void {
    Logger.level = level;
  }

  child(name: string): Logger {
    return new Logger(\`\${this.scope}:\${name}\`);
  }

  debug(message: string, ...details: unknown[]): void {
    this.log('debug', message, details);
  }

  info(message: string, ...details: unknown[]): void {
    this.log('info', message, details);
  }

  warn(message: string, ...details: unknown[]): void {
    this.log('warn', message, details);
  }

  error(message: string, ...details: unknown[]): void {
    this.log('error', message, details);
  }

  private log(level: Level, message: string, details: unknown[]): void {
    if (this.order.indexOf(level) < this.order.indexOf(Logger.level)) return;
    const line = JSON.stringify({ level, scope: this.scope, message, details: details.map(String), at: new Date().toISOString() });
    console.log(line);
  }
}
`,
  'shared/db.ts': `export interface DbOptions {
  host: string;
  port?: number;
  database: string;
  poolSize?: number;
}

export interface Db {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  execute(sql: string, params?: unknown[]): Promise<number>;
  transaction<T>(work: (db: Db) => Promise<T>): Promise<T>;
}

export class MemoryDb implements Db {
  private readonly tables = new Map<string, unknown[]>();
  private statements = 0;

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    this.statements++;
    const table = sql.split(' ').at(-1) ?? '';
    const rows = (this.tables.get(table) ?? []) as T[];
    return params.length > 0 ? rows.slice(0, Number(params[0]) || rows.length) : rows;
  }

  async execute(sql: string, params: unknown[] = []): Promise<number> {
    this.statements++;
    const table = sql.split(' ')[2] ?? '';
    const rows = this.tables.get(table) ?? [];
    rows.push(params);
    this.tables.set(table, rows);
    return 1;
  }

  async transaction<T>(work: (db: Db) => Promise<T>): Promise<T> {
    const before = this.statements;
    try {
      return await work(this);
    } finally {
      this.statements = Math.max(before, this.statements);
    }
  }
}

export async function openDb(options: DbOptions): Promise<Db> {
  if (!options.database) throw new Error('database name required');
  return new MemoryDb();
}
`,
  'shared/events.ts': `import { EventEmitter } from 'node:events';

export interface Change {
  kind: string;
  id: string;
  at?: number;
}

export class EventBus extends EventEmitter {
  private readonly history: Change[] = [];

  publish(change: Change): void {
    const stamped = { ...change, at: change.at ?? Date.now() };
    this.history.push(stamped);
    if (this.history.length > 1000) this.history.shift();
    this.emit('changed', stamped);
  }

  recent(kind?: string): Change[] {
    return kind === undefined ? [...this.history] : this.history.filter((c) => c.kind === kind);
  }
}
`,
  'shared/http.ts': `export interface RequestLike {
  params: Record<string, string | undefined>;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: unknown;
}

export interface ResponseLike {
  status(code: number): ResponseLike;
  header(name: string, value: string): ResponseLike;
  json(value: unknown): void;
}

export type Handler = (req: RequestLike, res: ResponseLike) => Promise<void>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function wrap(handler: Handler): Handler {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500;
      res.status(status).json({ error: error instanceof Error ? error.message : 'internal error' });
    }
  };
}
`,
};

const lower = (s) => s[0].toLowerCase() + s.slice(1);

function model(E) {
  return `export type ${E}Status = 'draft' | 'active' | 'archived';

export interface ${E}Props {
  id: string;
  name: string;
  status: ${E}Status;
  amount: number;
  tags: string[];
  createdAt: Date;
  ownerId?: string;
}

export class ${E} {
  private readonly props: ${E}Props;

  constructor(props: ${E}Props) {
    this.props = { ...props, tags: [...props.tags] };
  }

  get id(): string {
    return this.props.id;
  }

  get name(): string {
    return this.props.name;
  }

  get status(): ${E}Status {
    return this.props.status;
  }

  get amount(): number {
    return this.props.amount;
  }

  isActive(): boolean {
    return this.props.status === 'active';
  }

  hasTag(tag: string): boolean {
    return this.props.tags.includes(tag.toLowerCase());
  }

  withTag(tag: string): ${E} {
    if (this.hasTag(tag)) return this;
    return new ${E}({ ...this.props, tags: [...this.props.tags, tag.toLowerCase()] });
  }

  archive(): ${E} {
    return new ${E}({ ...this.props, status: 'archived' });
  }

  total(rate: number): number {
    return Math.round(this.props.amount * (1 + rate) * 100) / 100;
  }

  ageInDays(now: Date = new Date()): number {
    return Math.floor((now.getTime() - this.props.createdAt.getTime()) / 86_400_000);
  }

  toJSON(): Record<string, unknown> {
    return {
      id: this.props.id,
      name: this.props.name.trim(),
      status: this.props.status,
      amount: this.props.amount,
      tags: this.props.tags.slice().sort(),
      createdAt: this.props.createdAt.toISOString(),
      ownerId: this.props.ownerId ?? null,
    };
  }

  static from(raw: Record<string, unknown>): ${E} {
    const status = raw.status === 'active' || raw.status === 'archived' ? raw.status : 'draft';
    return new ${E}({
      id: String(raw.id ?? ''),
      name: String(raw.name ?? ''),
      status,
      amount: Number(raw.amount ?? 0),
      tags: Array.isArray(raw.tags) ? raw.tags.map(String) : [],
      createdAt: new Date(String(raw.createdAt ?? Date.now())),
      ownerId: typeof raw.ownerId === 'string' ? raw.ownerId : undefined,
    });
  }
}
`;
}

function repository(E) {
  return `import type { Db } from '../shared/db.js';
import { ${E}, type ${E}Props } from './model.js';

export class ${E}Repository {
  private readonly cache = new Map<string, ${E}>();
  private hits = 0;
  private misses = 0;

  constructor(private readonly db: Db) {}

  async findById(id: string): Promise<${E} | undefined> {
    const cached = this.cache.get(id);
    if (cached) {
      this.hits++;
      return cached;
    }
    this.misses++;
    const rows = await this.db.query<${E}Props>('select * from ${lower(E)}s where id = $1', [id]);
    const row = rows[0];
    if (!row) return undefined;
    const entity = new ${E}(row);
    this.cache.set(id, entity);
    return entity;
  }

  async list(limit = 50): Promise<${E}[]> {
    const rows = await this.db.query<${E}Props>('select * from ${lower(E)}s', [limit]);
    return rows.map((row) => new ${E}(row)).filter((entity) => entity.isActive());
  }

  async findByTag(tag: string): Promise<${E}[]> {
    const all = await this.list(500);
    return all.filter((entity) => entity.hasTag(tag)).sort((a, b) => a.name.localeCompare(b.name));
  }

  async save(entity: ${E}): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute('insert into ${lower(E)}s values ($1, $2)', [entity.id, JSON.stringify(entity.toJSON())]);
    });
    this.cache.set(entity.id, entity);
  }

  async remove(id: string): Promise<boolean> {
    const count = await this.db.execute('delete from ${lower(E)}s where id = $1', [id]);
    this.cache.delete(id);
    return count > 0;
  }

  stats(): { hits: number; misses: number; ratio: number } {
    const total = this.hits + this.misses;
    return { hits: this.hits, misses: this.misses, ratio: total === 0 ? 0 : this.hits / total };
  }
}
`;
}

function service(E, dep) {
  const depImport = dep ? `import type { ${dep.name}Service } from '../${dep.folder}/service.js';\n` : '';
  const depParam = dep ? `,\n    private readonly ${lower(dep.name)}s?: ${dep.name}Service` : '';
  const depUse = dep
    ? `
  async linked(id: string): Promise<number> {
    const [own, other] = await Promise.all([this.repo.findById(id), this.${lower(dep.name)}s?.totals([id])]);
    return (own?.total(0.1) ?? 0) + (other ?? 0);
  }
`
    : '';
  return `import type { EventBus } from '../shared/events.js';
import { Logger } from '../shared/logger.js';
import type { ${E} } from './model.js';
import type { ${E}Repository } from './repository.js';
${depImport}
export class ${E}Service {
  private readonly log = new Logger('${lower(E)}');
  private sweeper: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly repo: ${E}Repository,
    private readonly bus: EventBus${depParam},
  ) {}

  async activate(id: string): Promise<${E} | undefined> {
    const found = await this.repo.findById(id);
    if (!found) {
      this.log.warn(\`no ${lower(E)} \${id}\`);
      return undefined;
    }
    const next = found.withTag('active');
    await this.repo.save(next);
    this.bus.publish({ kind: '${lower(E)}', id });
    return next;
  }

  async totals(ids: string[]): Promise<number> {
    const items = await Promise.all(ids.map((id) => this.repo.findById(id)));
    return items.reduce((sum, item) => sum + (item?.total(0.2) ?? 0), 0);
  }

  async archiveAll(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let count = 0;
    try {
      const all = await this.repo.list();
      for (const item of all) {
        try {
          await this.repo.save(item.archive());
          count++;
        } catch (error) {
          this.log.error('archive failed', item.id, error);
        }
      }
    } finally {
      this.running = false;
    }
    return count;
  }
${depUse}
  startSweep(intervalMs: number): void {
    this.sweeper = setInterval(() => {
      this.archiveAll().catch((error: unknown) => this.log.error('sweep failed', error));
    }, intervalMs);
    this.sweeper.unref();
  }

  stop(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  touch(id: string): void {
    // fire and forget (no-floating-promises reports this one)
    this.activate(id);
  }
}
`;
}

function routes(E) {
  return `import { HttpError, wrap, type Handler, type RequestLike } from '../shared/http.js';
import type { ${E}Service } from './service.js';
import { parse${E}Input, type ${E}Input } from './validation.js';

function idOf(req: RequestLike): string {
  const id = req.params.id;
  if (!id || id.length > 64) throw new HttpError(400, 'bad id');
  return id;
}

export function ${lower(E)}Routes(service: ${E}Service): Record<string, Handler> {
  return {
    get: wrap(async (req, res) => {
      const entity = await service.activate(idOf(req));
      if (!entity) throw new HttpError(404, 'not found');
      res.status(200).header('cache-control', 'no-store').json(entity.toJSON());
    }),
    total: wrap(async (req, res) => {
      const ids = (req.query.get('ids') ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0);
      const total = await service.totals(ids);
      res.status(200).json({ total, count: ids.length });
    }),
    create: wrap(async (req, res) => {
      const input: ${E}Input = parse${E}Input(req.body);
      const entity = await service.activate(input.name);
      res.status(entity ? 201 : 202).json({ id: entity?.id ?? null, tags: input.tags });
    }),
    archive: wrap(async (_req, res) => {
      const count = await service.archiveAll();
      res.status(200).json({ archived: count });
    }),
  };
}
`;
}

function validation(E) {
  return `export interface ${E}Input {
  name: string;
  amount: number;
  tags: string[];
  ownerId?: string;
}

const NAME = /^[\\p{L}\\p{N} ._-]{1,80}$/u;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export function parse${E}Input(body: unknown): ${E}Input {
  if (!isRecord(body)) throw new TypeError('expected an object');
  const { name, amount, tags, ownerId } = body;
  if (typeof name !== 'string' || !NAME.test(name)) throw new TypeError('invalid name');
  const value = typeof amount === 'number' ? amount : Number.parseFloat(String(amount));
  if (!Number.isFinite(value) || value < 0) throw new TypeError('invalid amount');
  const list = isStringArray(tags) ? tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean) : [];
  return { name: name.trim(), amount: value, tags: [...new Set(list)], ownerId: typeof ownerId === 'string' ? ownerId : undefined };
}

export function describeErrors(inputs: unknown[]): string[] {
  const errors: string[] = [];
  inputs.forEach((input, index) => {
    try {
      parse${E}Input(input);
    } catch (error) {
      errors.push(\`#\${index}: \${error instanceof Error ? error.message : String(error)}\`);
    }
  });
  return errors;
}
`;
}

function mapping(E) {
  return `import { ${E}, type ${E}Status } from './model.js';

export function groupBy<T, K extends PropertyKey>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class ${E}Mapper {
  private readonly labels: Record<${E}Status, string> = { draft: 'Draft', active: 'Active', archived: 'Archived' };

  toRow(entity: ${E}): string[] {
    return [entity.id, entity.name, this.labels[entity.status], entity.amount.toFixed(2)];
  }

  summary(entities: readonly ${E}[]): Record<string, number> {
    const byStatus = groupBy(entities, (e) => e.status);
    return Object.fromEntries([...byStatus].map(([status, list]) => [this.labels[status], list.length]));
  }

  fromRows(rows: readonly Record<string, unknown>[]): ${E}[] {
    return rows.map((row) => ${E}.from(row)).filter((entity) => entity.id !== '');
  }
}
`;
}

function jobs(E) {
  return `import { Logger } from '../shared/logger.js';
import type { ${E}Service } from './service.js';

export interface JobOptions {
  concurrency: number;
  retries: number;
  port?: number;
  healthUrl?: string;
}

type Job = () => Promise<void>;

export class ${E}Queue {
  private readonly log = new Logger('${lower(E)}-jobs');
  private readonly pending: Job[] = [];
  private active = 0;
  private readonly controller = new AbortController();

  constructor(
    private readonly service: ${E}Service,
    private readonly options: JobOptions,
  ) {}

  enqueue(ids: string[]): void {
    for (const id of ids) this.pending.push(() => this.service.activate(id).then(() => undefined));
    this.drain();
  }

  private drain(): void {
    while (this.active < this.options.concurrency && this.pending.length > 0) {
      const job = this.pending.shift()!;
      this.active++;
      this.attempt(job, this.options.retries)
        .catch((error: unknown) => this.log.error('job failed', error))
        .finally(() => {
          this.active--;
          this.drain();
        });
    }
  }

  private async attempt(job: Job, retries: number): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (this.controller.signal.aborted) return;
      try {
        await job();
        return;
      } catch (error) {
        if (attempt >= retries) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 50));
      }
    }
  }

  healthUrl(): string {
    const port = this.options.port!;
    return this.options.healthUrl ?? \`http://localhost:\${port}/healthz\`;
  }

  stop(): void {
    this.controller.abort();
    this.pending.length = 0;
  }
}
`;
}

function exporter(E) {
  return `import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { ${E} } from './model.js';

export async function export${E}s(items: Iterable<${E}>, out: Writable): Promise<number> {
  let bytes = 0;
  for (const item of items) {
    const line = JSON.stringify(item.toJSON()) + '\\n';
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  return bytes;
}

export async function* readLines(input: Readable): AsyncGenerator<string> {
  input.setEncoding('utf8');
  let rest = '';
  for await (const chunk of input) {
    const lines = (rest + String(chunk)).split('\\n');
    rest = lines.pop() ?? '';
    yield* lines.filter((line) => line.length > 0);
  }
  if (rest) yield rest;
}

export async function countLines(input: Readable, limit: number): Promise<number> {
  let count = 0;
  for await (const line of readLines(input)) {
    if (line.startsWith('#')) continue;
    if (++count >= limit) {
      input.destroy();
      break;
    }
  }
  return count;
}
`;
}

const BUILDERS = { model, repository, service, routes, validation, mapping, jobs, export: exporter };

/**
 * Writes a project of `fileCount` TypeScript files (plus tsconfig.json) to `dir`, replacing what was there.
 * Returns the list of files and how many of them are socket files.
 */
export function generateProject(dir, fileCount) {
  fs.rmSync(dir, { recursive: true, force: true });
  const files = new Map();
  for (const [name, text] of Object.entries(SHARED)) files.set(`src/${name}`, text);
  let socketFiles = 0;
  for (let g = 0; files.size < fileCount; g++) {
    const noun = NOUNS[g % NOUNS.length];
    const E = `${noun}${g}`;
    const folder = `src/${groupFolder(g)}`;
    // every third group depends on the service of an earlier group: a realistic, shallow import graph
    const dep =
      g >= 3 && g % 3 === 0
        ? { name: `${NOUNS[(g - 3) % NOUNS.length]}${g - 3}`, folder: groupFolder(g - 3) }
        : undefined;
    for (const kind of KINDS) {
      if (files.size >= fileCount) break;
      if (kind === 'mapping' && g % SOCKET_EVERY === SOCKET_EVERY - 1) {
        const template = SOCKET_TEMPLATES[Math.floor(g / SOCKET_EVERY) % SOCKET_TEMPLATES.length];
        files.set(`${folder}/${template.name}.ts`, template.text(g));
        socketFiles++;
        continue;
      }
      files.set(`${folder}/${kind}.ts`, kind === 'service' ? service(E, dep) : BUILDERS[kind](E));
    }
  }
  for (const [name, text] of files) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2) + '\n');
  return { files: [...files.keys()].map((name) => path.join(dir, name)), socketFiles };
}

function groupFolder(g) {
  return `${NOUNS[g % NOUNS.length].toLowerCase()}-${g}`;
}
