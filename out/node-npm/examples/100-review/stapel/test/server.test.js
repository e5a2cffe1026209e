// Unit test of the app with the runner built into Node.js: `node --test`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { app } from '../server.js';

test('GET / says hello', async () => {
  const server = app.listen(0);
  try {
    const { port } = server.address();
    const response = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'hello world');
  } finally {
    server.close();
  }
});
