// [<snippet chat>]
// The second app of the repository: a websocket chat. Every message a client sends goes to every
// client connected to this process.
import http from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';

const port = Number(process.env.PORT ?? '<< apps.second.port >>');

// Plain HTTP answers only the readiness probe; the chat itself is a websocket at << apps.second.path >>.
const server = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    return;
  }
  res.writeHead(404).end();
});

// The Ingress passes << apps.second.path >> on unchanged, so the server listens on that very path.
const chat = new WebSocketServer({ server, path: '<< apps.second.path >>' });
chat.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    for (const client of chat.clients) {
      if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
    }
  });
});

server.listen(port, () => console.log(`chat: listening on port ${port}`));

// As PID 1 in a container, node gets no default SIGTERM handler: say goodbye to the clients, exit.
process.once('SIGTERM', () => {
  for (const client of chat.clients) client.close(1001, 'server is restarting');
  server.close(() => process.exit(0));
});
// [<endsnippet chat>]
