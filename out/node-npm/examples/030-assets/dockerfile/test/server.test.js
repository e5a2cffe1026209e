// Unit test of the server with the runner built into Node.js: `node --test`.
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { handler } from '../server.js';

test('GET / says hello', async () => {
  const server = http.createServer(handler).listen(0);
  try {
    const { port } = server.address();
    const response = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'hello world');
  } finally {
    server.close();
  }
});
