// The worker: a process of its own that takes the jobs the web app puts on a Redis list.
import { createClient } from 'redis';

const QUEUE = 'jobs';
const DONE = 'jobs:done';

// The work itself: here, counting the words of the text the job carries.
function handle(job) {
  return { id: job.id, words: job.text.split(/\s+/).filter(Boolean).length };
}

// the same settings as the web app
const queue = await createClient({
  socket: { host: process.env.REDIS_HOST, port: Number(process.env.REDIS_PORT) },
  password: process.env.REDIS_PASSWORD,
  database: Number(process.env.REDIS_DB),
})
  .on('error', (error) => console.error(`redis: ${error.message}`))
  .connect();

// Kubernetes stops a Pod with SIGTERM: finish the job in hand, take no new one, exit.
let stopping = false;
process.once('SIGTERM', () => {
  stopping = true;
});

console.log(`worker: waiting for jobs on ${QUEUE}`);
while (!stopping) {
  // BRPOP waits for a job up to a second, so a stop request is noticed soon after it comes.
  const taken = await queue.brPop(QUEUE, 1);
  if (taken === null) continue;
  const job = JSON.parse(taken.element);
  await queue.lPush(DONE, JSON.stringify(handle(job)));
  console.log(`worker: job ${job.id} done`);
}
await queue.quit();
console.log('worker: stopped');
