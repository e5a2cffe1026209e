// Hello world on Express: the application the guide builds with werf and deploys to Kubernetes.
import express from 'express';
import { pathToFileURL } from 'node:url';

export const app = express();

app.get('/', (req, res) => {
  // Logs go to stdout: Kubernetes collects what a container writes there.
  console.log(`${new Date().toISOString()} ${req.method} ${req.url}`);
  res.type('text/plain').send('hello world');
});

export function start(port = Number(process.env.PORT ?? '3000')) {
  const server = app.listen(port, () => console.log(`listening on port ${port}`));
  // As PID 1 in a container, node gets no default SIGTERM handler: finish requests and exit.
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
  return server;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) start();

// This chapter's routes: uploads and downloads through S3 (files.js). ES module imports are
// hoisted, and app.use() runs before the first request is read, so the routes are in place.
import { files } from './files.js';

app.use(files);

// This chapter's route: mail through the provider's API (mail.js).
import { mail } from './mail.js';

app.use(mail);

// This chapter's route: a visit counter in Redis (counter.js).
import { counter } from './counter.js';

app.use(counter);

// This chapter's route: books from PostgreSQL (books.js).
import { books } from './books.js';

app.use(books);

// This chapter's route: jobs for the worker through a Redis list (jobs.js).
import { jobs } from './jobs.js';

app.use(jobs);
