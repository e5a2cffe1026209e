import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, packageRoot } from '../cache.js';
import { MissingToolError } from '../errors.js';
import { runToEnd } from '../run/processes.js';

/**
 * The Helm renderer is a small Go program (this folder's *.go) built against Debian's packaged
 * Go libraries, offline: GOPATH mode (GO111MODULE=off) with /usr/share/gocode, where
 * golang-github-masterminds-sprig-dev installs sprig as github.com/Masterminds/sprig (v3 code,
 * no /v3 suffix). The binary is cached under node_modules/.cache/stackdoc, named by the hash of
 * the sources, so it is built once (~4 s) and rebuilt only when the sources change.
 */
const DEBIAN_GOPATH = '/usr/share/gocode';

/** The Go libraries the renderer imports, with the Debian package that installs each. */
const GO_LIBRARIES = [
  { path: 'github.com/Masterminds/sprig', install: 'golang-github-masterminds-sprig-dev' },
  { path: 'gopkg.in/yaml.v2', install: 'golang-gopkg-yaml.v2-dev' },
] as const;

let building: Promise<string> | undefined;

/** Path of the compiled renderer, building it first if this version of the sources has none. */
export function rendererBinary(): Promise<string> {
  building ??= build().finally(() => {
    building = undefined; // a failed build may succeed once the user installs what was missing
  });
  return building;
}

async function build(): Promise<string> {
  const sourceDir = goSourceDir();
  const sources = (await readdir(sourceDir)).filter((name) => name.endsWith('.go')).sort();
  const hash = createHash('sha256');
  for (const name of sources) hash.update(`${name}\0`).update(await readFile(join(sourceDir, name)));
  const binary = join(cacheDir(), `helm-render-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(binary)) return binary;

  await requireGo();
  for (const library of GO_LIBRARIES) {
    if (!existsSync(join(DEBIAN_GOPATH, 'src', library.path))) {
      throw new MissingToolError(`Go library ${library.path}`, library.install);
    }
  }
  const gopath = await mkdtemp(join(tmpdir(), 'stackdoc-helm-render-'));
  try {
    const packageDir = join(gopath, 'src', 'helm-render');
    await mkdir(packageDir, { recursive: true });
    for (const name of sources) await copyFile(join(sourceDir, name), join(packageDir, name));
    await mkdir(cacheDir(), { recursive: true });
    const partial = `${binary}.tmp-${process.pid}`;
    const result = await runToEnd('go', ['build', '-o', partial, '.'], {
      cwd: packageDir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME ?? gopath,
        GO111MODULE: 'off',
        GOPATH: `${gopath}:${DEBIAN_GOPATH}`,
        GOCACHE: join(cacheDir(), 'go-build'),
        GOFLAGS: '',
        CGO_ENABLED: '0',
      },
      timeoutMs: 180_000,
    });
    if (result.code !== 0) {
      await rm(partial, { force: true });
      throw new Error(`building the Helm renderer failed (go build in ${sourceDir}):\n${result.stderr.trim()}`);
    }
    await rename(partial, binary); // atomic: a parallel run sees no binary or a whole one
    return binary;
  } finally {
    await rm(gopath, { recursive: true, force: true });
  }
}

async function requireGo(): Promise<void> {
  const result = await runToEnd('go', ['version'], { cwd: tmpdir(), env: { PATH: process.env.PATH }, timeoutMs: 30_000 });
  if (result.code !== 0) throw new MissingToolError('go (the Go compiler)', 'golang-go');
}

/**
 * The folder holding main.go and friends: next to this module when run from source, or
 * src/verify/helm under the package when this code is bundled into dist/.
 */
function goSourceDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  if (existsSync(join(here, 'main.go'))) return here;
  return join(packageRoot(), 'src', 'verify', 'helm');
}
