/**
 * The process behind test/support/git-http-server.ts: stock `git http-backend` (git's
 * own CGI) behind a node HTTP server on 127.0.0.1. A separate process because the CLI
 * tests run redb synchronously, which would block a server in the test's own process.
 * Usage: node git-http-server.mjs ROOT LOGFILE [TOKEN]; prints its URL on stdout.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [root, logFile, token] = process.argv.slice(2);
const BACKEND = spawnSync('git', ['--exec-path'], { encoding: 'utf8' }).stdout.trim() + '/git-http-backend';

function authorized(header) {
  if (!token) return true;
  if (!header?.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1) === token;
}
const server = createServer((req, res) => {
  const ok = authorized(req.headers.authorization);
  appendFileSync(logFile, `${JSON.stringify({ method: req.method, url: req.url, authorized: ok })}\n`);
  if (!ok) {
    res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="redb test"' }).end('authentication required\n');
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const cgi = spawn(BACKEND, [], {
    env: {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      REMOTE_USER: 'tester', // lets http-backend accept pushes (receive-pack)
      REQUEST_METHOD: req.method,
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
      ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
    },
  });
  req.pipe(cgi.stdin);
  let head = Buffer.alloc(0);
  let headersDone = false;
  cgi.stdout.on('data', (chunk) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    headersDone = true;
    let status = 200;
    const headers = {};
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const key = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (key.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
      else headers[key] = value;
    }
    res.writeHead(status, headers);
    res.write(head.subarray(end + 4));
  });
  cgi.on('close', () => {
    if (!headersDone) res.writeHead(500).end(head);
    else res.end();
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${server.address().port}\n`));
