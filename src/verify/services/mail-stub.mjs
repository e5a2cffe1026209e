// A stand-in for a mail provider's HTTP API, run by `stackdoc test-examples` as a process of its
// own: it listens on 127.0.0.1 and the port given, drops the connection of the first `--drop`
// requests without answering (a provider that goes away mid-request), answers the next `--fail`
// requests with `--fail-status` and later ones with 202, and prints every request it got as one
// JSON line on stdout (method, path, the headers a provider reads, the body, the status it
// answered or 0 when dropped), so the check can see exactly what the app sent.
// Usage: node mail-stub.mjs --port N [--drop D] [--fail K] [--fail-status 500]
import { createServer } from 'node:http';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const port = option('port', 0);
let drops = option('drop', 0);
let failures = option('fail', 0);
const failStatus = option('fail-status', 500);

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const dropping = drops > 0;
    if (dropping) drops -= 1;
    const failing = !dropping && failures > 0;
    if (failing) failures -= 1;
    const status = dropping ? 0 : failing ? failStatus : 202;
    const seen = {
      method: req.method,
      path: req.url,
      authorization: req.headers.authorization ?? null,
      contentType: req.headers['content-type'] ?? null,
      body: Buffer.concat(chunks).toString('utf8'),
      answered: status,
    };
    process.stdout.write(`${JSON.stringify(seen)}\n`);
    if (dropping) {
      req.socket.destroy();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(failing ? '{"errors":[{"message":"the stub is down on purpose"}]}' : '');
  });
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
