// Jobs for the worker: the web app only puts them on a Redis list and answers at once.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';

const QUEUE = 'jobs';

// One client per process, connected on the first job rather than at start: the app serves its
// other pages while Redis is away, and the first job after Redis is back connects again.
let connecting;
function queue() {
  connecting ??= createClient({
    socket: { host: process.env.REDIS_HOST, port: Number(process.env.REDIS_PORT), connectTimeout: 5000 },
    password: process.env.REDIS_PASSWORD,
    database: Number(process.env.REDIS_DB),
  })
    .on('error', (error) => console.error(`redis: ${error.message}`))
    .connect()
    .catch((error) => {
      connecting = undefined;
      throw error;
    });
  return connecting;
}

export const jobs = express.Router();

jobs.post('/jobs', express.json(), async (req, res) => {
  const job = { id: randomUUID(), text: String(req.body?.text ?? '') };
  await (await queue()).lPush(QUEUE, JSON.stringify(job));
  // 202: taken, not done yet; the worker does it
  res.status(202).json({ id: job.id });
});
