// The CronJob's task: keep the newest finished jobs in Redis, drop the rest, and exit.
import { createClient } from 'redis';

const DONE = 'jobs:done';
const keep = Number(process.env.JOBS_KEEP ?? '100');

const queue = await createClient({
  socket: { host: process.env.REDIS_HOST, port: Number(process.env.REDIS_PORT) },
  password: process.env.REDIS_PASSWORD,
  database: Number(process.env.REDIS_DB),
}).connect();
const before = await queue.lLen(DONE);
// the list is newest first: keep indexes 0 … keep-1
await queue.lTrim(DONE, 0, keep - 1);
console.log(`cleanup: finished jobs: ${before} before, ${await queue.lLen(DONE)} kept`);
await queue.quit();
// the process exits 0 and Kubernetes counts the Job as done; an error exits 1 and the Job retries
