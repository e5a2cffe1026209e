// [<snippet cleanup>]
// The CronJob's task: keep the newest finished jobs in Redis, drop the rest, and exit.
import { createClient } from 'redis';

const DONE = '<< apps.done >>';
const keep = Number(process.env.<< apps.keep_env >> ?? '<< apps.keep >>');

const queue = await createClient({
  socket: { host: process.env.<< redis.env.host >>, port: Number(process.env.<< redis.env.port >>) },
  password: process.env.<< redis.env.password >>,
  database: Number(process.env.<< redis.env.db >>),
}).connect();
const before = await queue.lLen(DONE);
// the list is newest first: keep indexes 0 … keep-1
await queue.lTrim(DONE, 0, keep - 1);
console.log(`cleanup: finished jobs: ${before} before, ${await queue.lLen(DONE)} kept`);
await queue.quit();
// the process exits 0 and Kubernetes counts the Job as done; an error exits 1 and the Job retries
// [<endsnippet cleanup>]
