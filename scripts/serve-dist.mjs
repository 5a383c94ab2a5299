// A tiny static server for dist/, used by the e2e tests, the screenshots and the benchmark.
// It serves the same build at "/" and under "/a/b/" to prove the app runs from a sub-path.
// Usage: node scripts/serve-dist.mjs [port]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SUB_PATH = '/a/b/';
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
};

/**
 * Serves `dir` on 127.0.0.1:`port`; resolves to the server once it listens. `extra` maps more
 * URL prefixes to directories (the benchmark serves DuckDB-WASM from node_modules this way);
 * they are served as they are, never under the sub-path.
 */
export function serveDist(port, dir = 'dist', { extra = {} } = {}) {
  const mounts = Object.entries(extra).map(([prefix, d]) => [prefix, resolve(d)]);
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    let root = resolve(dir);
    const mount = mounts.find(([prefix]) => path.startsWith(prefix));
    if (mount) [path, root] = ['/' + path.slice(mount[0].length), mount[1]];
    else if (path.startsWith(SUB_PATH)) path = '/' + path.slice(SUB_PATH.length);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`Not found: ${path}`);
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 4173);
  await serveDist(port);
  console.log(`Serving dist/ on http://127.0.0.1:${port}/ and ${SUB_PATH}`);
}
