import type { Check } from '../chapter.js';
import { MANIFEST_FILE, type RunManifest } from '../manifest.js';
import { prepareAppDir } from '../run/node-deps.js';
import { requireRuntime } from '../run/runtime.js';
import { appTargets, type AppTarget } from '../run/targets.js';
import { startApp, startedText, stopAll, type Started } from '../services/app.js';
import { send } from '../services/http.js';
import { startMailStub, type SeenRequest } from '../services/mail.js';
import type { Finding } from '../types.js';

const TIMEOUT_MS = 30_000;
const MESSAGE = { to: 'reader@example.com', subject: 'stackdoc check', text: 'Hello from the mail check.' };

/**
 * mail-run: the app sends mail through a local stub of the provider's HTTP API (mail-stub.mjs,
 * its own process). First the stub is down (500 to every try): the app must try exactly as
 * often as example.json says, then answer with a clear error (a 5xx status and a message). Then
 * the stub is up but drops the first connection unanswered (a provider that goes away
 * mid-request): the app must try again and answer 2xx, and the stub must have got one message
 * with the provider's path, the API key from the secrets as a Bearer token, and the message
 * (recipient, subject, text).
 */
export const mailRunCheck: Check = {
  async run(chapter) {
    const read = await chapter.manifest();
    if (!read.ok) return [{ variant: 'both', status: 'fail', message: read.error, file: MANIFEST_FILE }];
    if (!read.manifest.mail) return [];
    const findings: Finding[] = [];
    for (const target of await appTargets(chapter)) findings.push(await runTarget(read.manifest, target));
    return findings;
  },
};

async function runTarget(example: RunManifest, target: AppTarget): Promise<Finding> {
  const { variant } = target;
  const mail = example.mail!;
  const key = example.run.env[mail.env.key];
  const configured = example.run.env[mail.env.url];
  if (!key || !configured) return { variant, status: 'fail', message: `example.json sets no ${!key ? mail.env.key : mail.env.url}: the app cannot reach the provider`, file: MANIFEST_FILE };
  const path = new URL(configured).pathname;
  await requireRuntime(example, target.dir, 'run');
  const app = await prepareAppDir(example, target.dir, 'run');
  const all: Started[] = [];
  const said: string[] = [];
  let finding: Finding | undefined;
  try {
    // the provider is down: every try fails
    const down = await startMailStub(mail.attempts + 5);
    all.push(down);
    const first = await startApp(example, app.dir, { [mail.env.url]: `http://127.0.0.1:${down.port}${path}` });
    all.push(first);
    const failed = await post(first.port, mail.route);
    const tries = down.seen().length;
    if (failed.status < 500 || !/\w/.test(failed.body)) finding = fail(`with the provider answering 500, POST ${mail.route} answered ${failed.status} ${JSON.stringify(failed.body.slice(0, 200))}; expected a 5xx with a message saying what failed`);
    else if (tries !== mail.attempts) finding = fail(`with the provider answering 500, the app tried ${tries} times; example.json says ${mail.attempts}`);
    said.push(`provider down: ${tries} tries, then ${failed.status} ${JSON.stringify(failed.body.trim().slice(0, 80))}`);
    await stopAll([first, down]);

    if (!finding) {
      const up = await startMailStub(0, 500, 1);
      all.push(up);
      const second = await startApp(example, app.dir, { [mail.env.url]: `http://127.0.0.1:${up.port}${path}` });
      all.push(second);
      const sent = await post(second.port, mail.route);
      const requests = up.seen();
      const seen = requests.filter((r) => r.answered !== 0);
      finding =
        sent.status < 200 || sent.status > 299
          ? fail(`with the provider up after dropping the first connection unanswered, POST ${mail.route} answered ${sent.status} ${JSON.stringify(sent.body.slice(0, 200))}; a dropped connection is a passing failure: try again`)
          : requests.length === seen.length
            ? fail('the provider stub dropped no connection: the app never reached it')
            : sentProblem(seen, path, key, example);
      if (!finding) said.push(`provider up, first connection dropped: tried again, ${seen[0]!.method} ${seen[0]!.path} with the key from the secrets, POST ${mail.route} → ${sent.status}`);
    }
  } catch (error) {
    finding = fail((error as Error).message);
  }
  const stopped = await stopAll(all);
  await app.dispose();
  if (stopped.leftover) return fail(stopped.leftover);
  if (finding) return { ...finding, message: `${finding.message}; ${startedText(all)}; ${stopped.said}` };
  return { variant, status: 'pass', message: `${said.join('; ')}; ${startedText(all)}; ${stopped.said}${app.note ? ` (${app.note})` : ''}; ${target.note}` };

  function fail(message: string): Finding {
    return { variant, status: 'fail', message };
  }

  function sentProblem(seen: SeenRequest[], expectedPath: string, apiKey: string, ex: RunManifest): Finding | undefined {
    if (seen.length !== 1) return fail(`the provider got ${seen.length} requests for one message`);
    const got = seen[0]!;
    if (got.method !== 'POST' || got.path !== expectedPath) return fail(`the app called ${got.method} ${got.path}, not POST ${expectedPath} of ${ex.mail!.env.url}`);
    if (got.authorization !== `Bearer ${apiKey}`) return fail(`the app sent Authorization ${JSON.stringify(got.authorization)}, not the key from ${ex.mail!.env.key} as a Bearer token`);
    for (const part of [MESSAGE.to, MESSAGE.subject, MESSAGE.text, ex.run.env[ex.mail!.env.from]!]) {
      if (!got.body.includes(part)) return fail(`the message the provider got lacks ${JSON.stringify(part)}: ${got.body.slice(0, 300)}`);
    }
    return undefined;
  }
}

async function post(port: number, route: string): Promise<{ status: number; body: string }> {
  const answer = await send(`http://127.0.0.1:${port}${route}`, { method: 'POST', body: JSON.stringify(MESSAGE), headers: { 'content-type': 'application/json' }, timeoutMs: TIMEOUT_MS });
  return { status: answer.status, body: answer.body.toString('utf8') };
}
