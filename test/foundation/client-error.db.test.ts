// Requests Node's HTTP parser refuses before any route sees them (platform/http/client-error.ts):
// raw bytes sent on a real socket, as a careless client or a scanner sends them. Each gets its
// 4xx with a Chinese sentence, not Fastify's English "Client Error", and the server goes on.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createTestEnv, type TestEnv } from '../support/test-app.ts';

let env: TestEnv;
let port: number;
before(async () => {
  env = await createTestEnv();
  await env.app.listen({ host: '127.0.0.1', port: 0 });
  port = (env.app.server.address() as AddressInfo).port;
});
after(() => env.close());

/** Sends raw bytes and reads until the server closes the connection. */
function raw(bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    // Written, not ended: the server answers, then closes (each request here ends the connection).
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

test('a request line with raw (unencoded) Chinese is a 400 in Chinese', async () => {
  const answer = await raw(
    Buffer.concat([
      Buffer.from('GET /search?q='),
      Buffer.from('春风行动'),
      Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n'),
    ]),
  );
  assert.match(answer, /^HTTP\/1\.1 400 /);
  assert.match(answer, /content-type: text\/plain; charset=utf-8/i);
  assert.match(answer, /请求格式有误/);
  assert.doesNotMatch(answer, /Client Error/);
});

test('bytes that are not HTTP are a 400 in Chinese', async () => {
  const answer = await raw(Buffer.from('\u0016\u0003\u0001 hello\r\n\r\n', 'latin1'));
  assert.match(answer, /^HTTP\/1\.1 400 /);
  assert.match(answer, /请求格式有误/);
});

test('a header larger than the server reads is a 431 in Chinese', async () => {
  const answer = await raw(Buffer.from(`GET / HTTP/1.1\r\nHost: x\r\nCookie: a=${'x'.repeat(40_000)}\r\n\r\n`));
  assert.match(answer, /^HTTP\/1\.1 431 /);
  assert.match(answer, /请求头过大/);
});

test('the server answers the next request as before', async () => {
  const answer = await raw(Buffer.from('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
  assert.match(answer, /^HTTP\/1\.1 200 /);
});
