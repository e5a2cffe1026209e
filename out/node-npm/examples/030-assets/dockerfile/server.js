// Hello world: a plain node:http server, the application the guide builds with werf.
import http from 'node:http';
import { pathToFileURL } from 'node:url';

export function handler(req, res) {
  // Logs go to stdout: Kubernetes collects what a container writes there.
  console.log(`${new Date().toISOString()} ${req.method} ${req.url}`);
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('hello world');
}

export function start(port = Number(process.env.PORT ?? '3000')) {
  const server = http.createServer(handler);
  server.listen(port, () => console.log(`listening on port ${port}`));
  // As PID 1 in a container, node gets no default SIGTERM handler: finish requests and exit.
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
  return server;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) start();
