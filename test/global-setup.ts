import { execFileSync } from 'node:child_process';

/** The CLI tests run the bundled `bin/stackdoc.js`, as a user does: bundle once before them. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/bundle.js'], { stdio: 'inherit' });
}
