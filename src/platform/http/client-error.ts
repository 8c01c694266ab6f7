// What a client gets when Node's HTTP parser refuses its request before Fastify routes it (bytes
// that are not a request: raw non-ASCII in the request line, a header too large, a request that
// never finished): a Chinese sentence, as every other refusal, in place of Fastify's English
// `{"message":"Client Error"}`. Status codes as Fastify's own handler gives them.
import type { Socket } from 'node:net';

const ANSWERS: Record<string, [status: string, text: string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: ['408 Request Timeout', '请求超时，连接已关闭。请重新打开页面或重新提交。'],
  HPE_HEADER_OVERFLOW: [
    '431 Request Header Fields Too Large',
    '请求头过大（多为本站 Cookie 过多），请清除本站 Cookie 后重试。',
  ],
};
const BAD_REQUEST: [string, string] = [
  '400 Bad Request',
  '请求格式有误，无法处理：网址或请求头中有未经编码的字符或格式错误。请从本站页面上的链接进入，或检查网址后重试。',
];

export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  // A connection reset or already closed: there is no one to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, text] = (err.code && ANSWERS[err.code]) || BAD_REQUEST;
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(err);
}
