// Loaded with `node --import` into a stackdoc run: SIGKILLs the process right after its
// KILL_AT_STEP-th change under the folder KILL_IN (a mkdir, a file written, a rename, a
// removal, synchronous or not), so a test can cut a build short at every step of writing its output.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { resolve, sep } from 'node:path';

const step = Number(process.env.KILL_AT_STEP);
const root = resolve(process.env.KILL_IN ?? '.');
let count = 0;
for (const name of ['mkdir', 'mkdtemp', 'writeFile', 'copyFile', 'rename', 'rm', 'rmdir']) {
  const original = fs.promises[name];
  fs.promises[name] = async function (...args) {
    const result = await original.apply(this, args);
    const path = resolve(String(args[0]));
    if ((path === root || path.startsWith(root + sep)) && ++count === step) process.kill(process.pid, 'SIGKILL');
    return result;
  };
}
// The staging folder is written synchronously: those writes are steps too.
for (const name of ['mkdirSync', 'writeFileSync']) {
  const original = fs[name];
  fs[name] = function (...args) {
    const result = original.apply(this, args);
    const path = resolve(String(args[0]));
    if ((path === root || path.startsWith(root + sep)) && ++count === step) process.kill(process.pid, 'SIGKILL');
    return result;
  };
}
syncBuiltinESMExports();
