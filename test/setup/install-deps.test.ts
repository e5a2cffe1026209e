import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// scripts/install-deps.sh runs against a fake system: PATH holds only the few real tools the
// script uses plus fake dpkg-query, apt-get, id and (optionally) sudo that keep their state in
// files, so every path (nothing missing, install as root, through sudo, cannot install) runs
// for real without touching this machine's packages.
const SCRIPT = join(ROOT, 'scripts/install-deps.sh');
const ALL = ['golang-go', 'golang-github-masterminds-sprig-dev', 'golang-gopkg-yaml.v2-dev', 'python3', 'python3-flask', 'python3-pytest', 'gunicorn', 'python3-boto3', 'chromium', 'nginx', 'redis-server', 'postgresql', 'python3-redis', 'python3-flask-sqlalchemy', 'python3-flask-migrate', 'python3-psycopg2', 'flake8', 'python3-websockets', 'rsync'];

interface Fake {
  installed: string[];
  uid: number;
  sudo?: 'passwordless' | 'needs-password';
  noDpkg?: boolean;
}

function fakeSystem(fake: Fake): { bin: string; state: string } {
  const dir = mkdtempSync(join(tmpdir(), 'stackdoc-deps-'));
  const bin = join(dir, 'bin');
  const state = join(dir, 'state');
  mkdirSync(bin);
  mkdirSync(state);
  for (const tool of ['sed', 'grep', 'wc', 'env', 'cat']) symlinkSync(spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim(), join(bin, tool));
  writeFileSync(join(state, 'installed'), fake.installed.map((p) => `${p}\n`).join(''));
  writeFileSync(join(state, 'log'), '');
  const script = (name: string, body: string): void => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  script('id', `echo ${fake.uid}`);
  if (!fake.noDpkg) {
    // dpkg-query -W -f='${Status}' PACKAGE
    script('dpkg-query', `for last; do :; done\ngrep -qx "$last" ${state}/installed && printf 'install ok installed' || exit 1`);
  }
  script('apt-get', [
    `echo "apt-get $*" >> ${state}/log`,
    'if [ "$1" = install ]; then for p; do case "$p" in -*|install) ;; *) echo "$p" >> ' + state + '/installed ;; esac; done; fi',
    'echo "Reading package lists... Done"',
  ].join('\n'));
  if (fake.sudo) {
    const ok = fake.sudo === 'passwordless';
    script('sudo', [
      `if [ "$1" = -n ]; then ${ok ? 'shift; "$@"; exit' : 'echo "sudo: a password is required" >&2; exit 1'}; fi`,
      `echo "sudo $*" >> ${state}/log`,
      'exec "$@"',
    ].join('\n'));
  }
  return { bin, state };
}

function run(fake: Fake, args: string[] = [], env: Record<string, string> = {}) {
  const { bin, state } = fakeSystem(fake);
  const r = spawnSync('/bin/sh', [SCRIPT, ...args], { env: { PATH: bin, ...env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, log: readFileSync(join(state, 'log'), 'utf8'), installed: readFileSync(join(state, 'installed'), 'utf8').split('\n').filter(Boolean) };
}

describe('scripts/install-deps.sh', () => {
  it('says one line and installs nothing when every package is there', () => {
    const r = run({ installed: ALL, uid: 1000 });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Debian packages: all ${ALL.length} installed\n`);
    expect(r.log).toBe('');
  });

  it('installs only what is missing as root, saying what and showing progress', () => {
    const r = run({ installed: ALL.filter((p) => p !== 'python3-flask' && p !== 'gunicorn'), uid: 0 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`installing 2 missing of ${ALL.length}: python3-flask gunicorn`);
    expect(r.stdout).toContain('[1/2] apt-get update');
    expect(r.stdout).toContain('[2/2] apt-get install -y --no-install-recommends python3-flask gunicorn');
    expect(r.stdout).toContain('Reading package lists'); // apt-get's own progress goes through
    expect(r.log).toBe('apt-get update\napt-get install -y --no-install-recommends python3-flask gunicorn\n');
    expect(r.installed.sort()).toEqual([...ALL].sort());
  });

  it('installs through sudo when sudo works without a password', () => {
    const r = run({ installed: [], uid: 1000, sudo: 'passwordless' });
    expect(r.code).toBe(0);
    expect(r.log).toContain('sudo apt-get update');
    expect(r.log).toContain(`sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${ALL.join(' ')}`);
  });

  for (const sudo of [undefined, 'needs-password'] as const) {
    it(`stops at once with one message when it cannot install (${sudo ?? 'no sudo'})`, () => {
      const r = run({ installed: ['python3'], uid: 1000, sudo });
      expect(r.code).toBe(1);
      expect(r.log).toBe(''); // tried nothing
      const missing = ALL.filter((p) => p !== 'python3').join(' ');
      expect(r.stderr).toBe(
        `stackdoc: missing Debian packages the tests need: ${missing}\n` +
          'Cannot install them here (not root, and no sudo that works). As root, run:\n' +
          `  apt-get install -y --no-install-recommends ${missing}\n` +
          'then run the tests again.\n',
      );
    });
  }

  it('--check only reports, even as root', () => {
    const r = run({ installed: ALL.slice(1), uid: 0 }, ['--check']);
    expect(r.code).toBe(1);
    expect(r.log).toBe('');
    expect(r.stderr).toContain('missing Debian packages the tests need: golang-go\n');
  });

  it('names the packages on a system without dpkg', () => {
    const r = run({ installed: [], uid: 0, noDpkg: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`not a Debian system (no dpkg-query); the tests need these Debian packages or their equivalents: ${ALL.join(' ')}`);
    expect(run({ installed: [], uid: 0, noDpkg: true }, [], { STACKDOC_SKIP_DEPS: '1' }).code).toBe(0);
  });

  it('npm test runs it before the tests', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.pretest).toBe('sh scripts/install-deps.sh');
    expect(existsSync(SCRIPT)).toBe(true);
  });
});
