import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GUNICORN, PYTHON } from '../tools.js';

/**
 * How a container command runs on this machine.
 *
 * Programs: `python3`/`python` → /usr/bin/python3, `gunicorn` → /usr/bin/gunicorn, `pytest` →
 * /usr/bin/python3 -m pytest, `flake8` → /usr/bin/python3 -m flake8, `flask` → /usr/bin/python3 -m
 * flask, `node` → the node running stackdoc, `npx` → the npx installed next to it with --no (only
 * what the tree's node_modules holds). Anything else is not ours to guess and fails with a clear
 * message.
 *
 * Address and port (the container listens on 0.0.0.0:<port>; here it must be 127.0.0.1 and a
 * free port):
 *   1. the environment gets PORT=<free port> and HOST=127.0.0.1 (apps that read them bind there;
 *      they win over example.json run.env);
 *   2. in the arguments, `--bind`/`-b` values, `--bind=`/`-b=` values and any bare `HOST:PORT`
 *      or `:PORT` argument whose port is the app's port become 127.0.0.1:<free port>;
 *   3. `--port <port>`/`--port=<port>` become the free port, `--host <h>`/`--host=<h>` 127.0.0.1.
 */
export interface LocalCommand {
  program: string;
  args: string[];
  /** Variables for this command on top of the base environment. */
  env: Record<string, string>;
}

export class UnmappedProgramError extends Error {}

const PROGRAMS: Readonly<Record<string, (rest: string[]) => { program: string; args: string[] }>> = {
  python3: (rest) => ({ program: PYTHON, args: rest }),
  python: (rest) => ({ program: PYTHON, args: rest }),
  gunicorn: (rest) => ({ program: GUNICORN, args: rest }),
  pytest: (rest) => ({ program: PYTHON, args: ['-m', 'pytest', ...rest] }),
  flask: (rest) => ({ program: PYTHON, args: ['-m', 'flask', ...rest] }),
  node: (rest) => ({ program: process.execPath, args: rest }),
  flake8: (rest) => ({ program: PYTHON, args: ['-m', 'flake8', ...rest] }),
  // a tool of the tree's own node_modules (ESLint); --no: never download one that is missing
  npx: (rest) => ({ program: npxNextToNode(), args: ['--no', ...rest] }),
};

/** npx as installed with the node running stackdoc (Node's own layout: bin/node and bin/npx side by side). */
function npxNextToNode(): string {
  const npx = join(dirname(process.execPath), 'npx');
  if (!existsSync(npx)) throw new UnmappedProgramError(`cannot run "npx": there is no ${npx} next to ${process.execPath}`);
  return npx;
}

function mapProgram(command: readonly string[]): { program: string; args: string[] } {
  const [first, ...rest] = command;
  const name = (first ?? '').split('/').pop()!.replace(/^python3\.\d+$/, 'python3');
  const map = PROGRAMS[name];
  if (!map) throw new UnmappedProgramError(`cannot run "${first}" on this machine: only ${Object.keys(PROGRAMS).join(', ')} are mapped`);
  return map(rest);
}

/** The app command with its listening address moved to 127.0.0.1:<localPort>. */
export function localRunCommand(command: readonly string[], appPort: number, localPort: number, env: Record<string, string>): LocalCommand {
  const { program, args } = mapProgram(command);
  const local = `127.0.0.1:${localPort}`;
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if ((arg === '--bind' || arg === '-b') && next !== undefined) {
      out.push(arg, local);
      i++;
    } else if (/^(--bind|-b)=/.test(arg)) {
      out.push(`${arg.split('=')[0]}=${local}`);
    } else if (arg === '--port' && next !== undefined) {
      out.push(arg, String(localPort));
      i++;
    } else if (arg.startsWith('--port=')) {
      out.push(`--port=${localPort}`);
    } else if (arg === '--host' && next !== undefined) {
      out.push(arg, '127.0.0.1');
      i++;
    } else if (arg.startsWith('--host=')) {
      out.push('--host=127.0.0.1');
    } else if (hostPort(arg)?.port === appPort) {
      out.push(local);
    } else {
      out.push(arg);
    }
  }
  return { program, args: out, env: { ...env, PORT: String(localPort), HOST: '127.0.0.1' } };
}

/** Any other command a container runs to completion (a Job's), mapped; nothing to rebind. */
export function localJobCommand(command: readonly string[], env: Record<string, string>): LocalCommand {
  return { ...mapProgram(command), env };
}

/**
 * The test command, mapped. pytest gets `-p no:cacheprovider` so no .pytest_cache lands in the
 * example tree (PYTHONDONTWRITEBYTECODE, set by the caller, keeps __pycache__ out).
 */
export function localTestCommand(command: readonly string[], env: Record<string, string>): LocalCommand {
  const { program, args } = mapProgram(command);
  const pytest = args[0] === '-m' && args[1] === 'pytest';
  return { program, args: pytest ? ['-m', 'pytest', '-p', 'no:cacheprovider', ...args.slice(2)] : args, env };
}

/** The port a command binds, when its arguments say (`--bind 0.0.0.0:8080`, `--port 8080`, `:8080`). */
export function boundPort(command: readonly string[]): number | undefined {
  for (let i = 0; i < command.length; i++) {
    const arg = command[i]!;
    const value = arg === '--bind' || arg === '-b' || arg === '--port' ? command[i + 1] : /^(--bind|-b|--port)=(.*)$/.exec(arg)?.[2];
    if (value !== undefined) {
      const port = /^\d+$/.test(value) ? Number(value) : hostPort(value)?.port;
      if (port !== undefined) return port;
    }
  }
  for (const arg of command) {
    const port = hostPort(arg)?.port;
    if (port !== undefined) return port;
  }
  return undefined;
}

/** `0.0.0.0:8080`, `[::]:8080`, `:8080`, `localhost:8080` → host and port. */
function hostPort(value: string): { host: string; port: number } | undefined {
  const match = /^(\[[0-9a-f:]*\]|[\w.-]*):(\d{1,5})$/i.exec(value);
  return match ? { host: match[1]!, port: Number(match[2]) } : undefined;
}
