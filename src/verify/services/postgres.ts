import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MissingToolError } from '../errors.js';
import { freePort } from '../run/http.js';
import { runToEnd, spawnGroup, type GroupProcess } from '../run/processes.js';
import { outputOf, waitListening } from './app.js';

/** Debian's PostgreSQL 15 (package postgresql), which install-deps.sh installs. */
const BIN = '/usr/lib/postgresql/15/bin';
const SUPERUSER = 'postgres';
/** Debian's unprivileged user, for a machine without the postgres system user. */
const NOBODY = 65534;

/** One database of the shared server, made for one chapter tree. */
export interface Database {
  host: string;
  port: number;
  name: string;
  user: string;
  password: string;
}

/**
 * A PostgreSQL cluster for one test-examples run: initialised with initdb in a temporary folder,
 * listening on 127.0.0.1 and a free port with its socket in that folder, as the postgres system
 * user (PostgreSQL refuses to run as root) or as ourselves when we are not root. It is started
 * at the first chapter that needs it and stopped by its PID at the end of the run (stopPostgres),
 * so the trees share one server and each gets a database of its own.
 */
export class LocalPostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly process: GroupProcess,
    private readonly superPassword: string,
  ) {}

  get pid(): number | undefined {
    return this.process.pid;
  }

  static async start(): Promise<LocalPostgres> {
    for (const tool of ['initdb', 'postgres', 'psql']) {
      if (!existsSync(join(BIN, tool))) throw new MissingToolError(`${BIN}/${tool}`, 'postgresql');
    }
    const dir = await mkdtemp(join(tmpdir(), 'stackdoc-postgres-'));
    const user = runAs();
    const data = join(dir, 'data');
    const socket = join(dir, 'socket');
    await mkdir(socket);
    const superPassword = `stackdoc-${process.pid}-${Date.now()}`;
    await writeFile(join(dir, 'pwfile'), `${superPassword}\n`);
    if (user) {
      await chown(dir, user.uid, user.gid);
      await chown(socket, user.uid, user.gid);
      await chown(join(dir, 'pwfile'), user.uid, user.gid);
      await chmod(dir, 0o700);
    }
    const env = { PATH: `${BIN}:/usr/bin:/bin`, LANG: 'C.UTF-8' };
    // password authentication over TCP, as the chart's users connect in the cluster
    const init = await runToEnd(join(BIN, 'initdb'), ['-D', data, '-U', SUPERUSER, `--pwfile=${join(dir, 'pwfile')}`, '--auth-host=scram-sha-256', '--auth-local=scram-sha-256', '-E', 'UTF8', '--no-sync'], { cwd: dir, env, timeoutMs: 120_000, ...(user ?? {}) });
    if (init.code !== 0) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`initdb failed (${init.code ?? init.signal}): ${init.stderr.trim() || init.stdout.trim()}`);
    }
    const port = await freePort();
    const args = ['-D', data, '-p', String(port), '-k', socket, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=50'];
    const proc = spawnGroup(join(BIN, 'postgres'), args, { cwd: dir, env, ...(user ?? {}) });
    const started = { what: 'postgres', process: proc, port };
    try {
      await waitListening(started);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    const server = new LocalPostgres(dir, port, proc, superPassword);
    // the port opens before recovery ends ("the database system is starting up"): wait for a query
    for (let attempt = 1; ; attempt++) {
      try {
        await server.sql('SELECT 1');
        return server;
      } catch (error) {
        if (attempt >= 60 || proc.hasExited()) {
          await server.stop();
          throw new Error(`postgres did not take queries: ${(error as Error).message}${outputOf(proc)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  /**
   * A fresh, empty database for one tree, owned by the user the tree's chart creates (the
   * subchart's values), with that user's password: the app must log in the way it will in the
   * cluster. A database of the same name from an earlier tree is dropped first.
   */
  async freshDatabase(name: string, user: string, password: string): Promise<Database> {
    const role = ident(user);
    await this.sql(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
    await this.sql(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${literal(user)}) THEN CREATE ROLE ${role} LOGIN; END IF; END $$`);
    await this.sql(`ALTER ROLE ${role} LOGIN PASSWORD ${literal(password)}`);
    await this.sql(`CREATE DATABASE ${ident(name)} OWNER ${role}`);
    return { host: '127.0.0.1', port: this.port, name, user, password };
  }

  /** Runs SQL as the superuser, on the maintenance database or the one named. */
  async sql(statement: string, database = 'postgres'): Promise<string> {
    const run = await runToEnd(join(BIN, 'psql'), ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(this.port), '-U', SUPERUSER, '-d', database, '-c', statement], {
      cwd: '/',
      env: { PATH: '/usr/bin:/bin', PGPASSWORD: this.superPassword, PGCONNECT_TIMEOUT: '10' },
      timeoutMs: 60_000,
    });
    if (run.code !== 0) throw new Error(`psql: ${run.stderr.trim()}`);
    return run.stdout;
  }

  /** Stops the server by its process group (SIGTERM: a smart shutdown) and removes the cluster. */
  async stop(): Promise<string> {
    await this.process.stop();
    await rm(this.dir, { recursive: true, force: true });
    return `stopped postgres (pid ${this.process.pid}) and removed its cluster`;
  }

  output(): string {
    return outputOf(this.process);
  }
}

let shared: Promise<LocalPostgres> | undefined;

/** The run's server, started on first use. */
export function sharedPostgres(): Promise<LocalPostgres> {
  if (!shared) {
    shared = LocalPostgres.start();
    shared.catch(() => (shared = undefined));
  }
  return shared;
}

/** Stops the run's server if one was started; says what it did (or nothing). */
export async function stopPostgres(): Promise<string | undefined> {
  const running = shared;
  shared = undefined;
  if (!running) return undefined;
  const server = await running.catch(() => undefined);
  return server?.stop();
}

/** The user PostgreSQL runs as when we are root: its own system user, else nobody. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${SUPERUSER}:`));
    const [, , uid, gid] = line?.split(':') ?? [];
    if (uid && gid) return { uid: Number(uid), gid: Number(gid) };
  } catch {
    // no passwd file to read: fall through
  }
  return { uid: NOBODY, gid: NOBODY };
}

/** A quoted SQL identifier. */
function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A quoted SQL string literal. */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
