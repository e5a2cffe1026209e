import WebSocket from 'ws';

/**
 * A websocket exchange with the second app, with the `ws` client: two clients connect to
 * `url`, the first sends `text`, and both must receive it (the chat passes every message to
 * every client). Resolves with what each received; rejects with what went wrong, within
 * `timeoutMs`. Both clients are closed whatever happens.
 */
export async function chatExchange(url: string, text: string, timeoutMs: number): Promise<{ sender: string; other: string }> {
  const clients: WebSocket[] = [];
  const timer = new AbortController();
  const deadline = new Promise<never>((_, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    timer.signal.addEventListener('abort', () => clearTimeout(t));
  });
  try {
    const open = (): Promise<WebSocket> =>
      new Promise((resolve, reject) => {
        const socket = new WebSocket(url);
        clients.push(socket);
        socket.once('open', () => resolve(socket));
        socket.once('error', reject);
        socket.once('unexpected-response', (_req, res) => reject(new Error(`the server answered the websocket handshake with HTTP ${res.statusCode}`)));
      });
    const [sender, other] = await Promise.race([Promise.all([open(), open()]), deadline]);
    const next = (socket: WebSocket): Promise<string> => new Promise((resolve) => socket.once('message', (data) => resolve(data.toString())));
    const received = Promise.all([next(sender), next(other)]);
    sender.send(text);
    const [a, b] = await Promise.race([received, deadline]);
    return { sender: a, other: b };
  } finally {
    timer.abort();
    for (const socket of clients) socket.terminate();
  }
}
