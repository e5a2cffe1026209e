// A visit counter kept in Redis: every copy of the app counts into the same number.
import express from 'express';
import { createClient } from 'redis';

// Where Redis is: the chart sets every setting per environment, the password from secret values.
const store = createClient({
  socket: { host: process.env.REDIS_HOST, port: Number(process.env.REDIS_PORT), connectTimeout: 5000 },
  password: process.env.REDIS_PASSWORD,
  database: Number(process.env.REDIS_DB),
});
// Without a listener an 'error' event (Redis restarting) would end the process.
store.on('error', (error) => console.error(`redis: ${error.message}`));

// The connection is opened on the first visit, so the app starts and answers / even while
// Redis is still starting; the client reconnects by itself after that.
let connecting;
function connected() {
  connecting ??= store.connect().catch((error) => {
    connecting = undefined;
    throw error;
  });
  return connecting;
}

export const counter = express.Router();

counter.get('/visits', async (req, res) => {
  await connected();
  // INCR is atomic in Redis: two requests at once never lose a visit
  const count = await store.incr('visits');
  res.type('text/plain').send(`visits: ${count}\n`);
});
