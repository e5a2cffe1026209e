import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

export interface PreviewServer {
  url: string;
  /** Tells every open page to reload. */
  reload(): void;
  close(): Promise<void>;
}

/**
 * Serves the preview folder on 127.0.0.1 (sirv, without caching, so a reload gets the new files)
 * and keeps a Server-Sent Events stream per open page, on which a rebuild says `rebuilt`.
 */
export async function servePreview(dir: string, port: number): Promise<PreviewServer> {
  const files = sirv(dir, { dev: true, etag: false });
  const clients = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    if (req.url === '/__stackdoc/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    files(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    reload() {
      for (const client of clients) client.write('event: rebuilt\ndata: {}\n\n');
    },
    close() {
      for (const client of clients) client.end();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
