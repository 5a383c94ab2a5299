import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { expose, wrap, type Endpoint, type Remote } from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { afterEach } from 'vitest';

const ports: MessagePort[] = [];

afterEach(() => {
  for (const p of ports.splice(0)) p.close();
});

/**
 * Exposes an API on one end of a MessageChannel and wraps the other, as a worker and the page
 * do: what crosses is cloned or transferred exactly as between threads. Ports close after each test.
 */
export function connect<T>(api: T): Remote<T> {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  expose(api, nodeEndpoint(port1) as Endpoint);
  return wrap<T>(nodeEndpoint(port2) as Endpoint);
}
