import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { expose, type Endpoint } from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { afterEach, describe, expect, it } from 'vitest';
import { whenWorkersQuiet } from '../../src/bridge/worker-activity.ts';
import { isAbort, WorkerBridge, WorkerCrashError } from '../../src/bridge/worker-bridge.ts';

interface SlowApi {
  /** Answers `value` after `ms` milliseconds, and records when it started and ended. */
  echo(value: string, ms: number): Promise<string>;
  /** What this "worker" was given by the restore hook. */
  restored(): Promise<string | null>;
  setState(value: string): Promise<void>;
}

const ports: MessagePort[] = [];
afterEach(() => {
  for (const p of ports.splice(0)) p.close();
});

/** A fake worker: a Comlink API on one end of a MessageChannel; terminate closes it, so calls in flight never answer. */
function fakeWorkers(log: string[]) {
  const made: Array<{ terminated: boolean; crash(message: string): void }> = [];
  const create = (): Worker => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    let state: string | null = null;
    const api: SlowApi = {
      async echo(value, ms) {
        log.push(`start ${value}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${value}`);
        return value;
      },
      async restored() {
        return state;
      },
      async setState(value) {
        state = value;
      },
    };
    expose(api, nodeEndpoint(port1) as Endpoint);
    const errorListeners: Array<(e: unknown) => void> = [];
    const record = {
      terminated: false,
      // An error nothing in the worker caught, as a Worker reports it to the page.
      crash(message: string) {
        for (const listener of errorListeners) listener({ type: 'error', message, preventDefault() {} });
      },
    };
    made.push(record);
    const endpoint = nodeEndpoint(port2) as Endpoint;
    return {
      ...endpoint,
      addEventListener(type: string, listener: (e: unknown) => void) {
        if (type === 'error') errorListeners.push(listener);
        else endpoint.addEventListener(type, listener as EventListener);
      },
      terminate() {
        record.terminated = true;
        port1.close();
        port2.close();
      },
    } as unknown as Worker;
  };
  return { create, made };
}

describe('WorkerBridge', () => {
  it('runs calls one at a time, in the order they were made', async () => {
    const log: string[] = [];
    const bridge = new WorkerBridge<SlowApi>(fakeWorkers(log).create);
    const signal = new AbortController().signal;
    const results = await Promise.all([bridge.call(signal, (api) => api.echo('a', 30)), bridge.call(signal, (api) => api.echo('b', 1))]);
    expect(results).toEqual(['a', 'b']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('counts its calls, queued and running, as the workers at work until the last one ends or is aborted', async () => {
    const log: string[] = [];
    const bridge = new WorkerBridge<SlowApi>(fakeWorkers(log).create);
    const first = bridge.call(new AbortController().signal, (api) => api.echo('first', 60));
    const second = new AbortController();
    const queued = bridge.call(second.signal, (api) => api.echo('second', 60_000));
    let quietAt = 0;
    const quiet = whenWorkersQuiet(0).then(() => (quietAt = log.length));
    await first;
    await new Promise((r) => setTimeout(r, 30));
    // The second call runs now: still at work.
    expect(quietAt).toBe(0);
    expect(log).toEqual(['start first', 'end first', 'start second']);
    second.abort();
    expect(isAbort(await queued.catch((e: unknown) => e))).toBe(true);
    await quiet;
    expect(quietAt).toBe(3);
  });

  it('on abort of the running call, terminates the worker and starts the next call on a restored fresh one', async () => {
    const log: string[] = [];
    const workers = fakeWorkers(log);
    const bridge = new WorkerBridge<SlowApi>(workers.create);
    bridge.restore = (api) => api.setState('restored');
    const first = new AbortController();
    const running = bridge.call(first.signal, (api) => api.echo('long', 1_000));
    const queued = bridge.call(new AbortController().signal, async (api) => `${await api.echo('next', 1)} on ${await api.restored()}`);
    await new Promise((r) => setTimeout(r, 20));
    first.abort();
    const error = await running.catch((e: unknown) => e);
    expect(isAbort(error)).toBe(true);
    expect(await queued).toBe('next on restored');
    expect(workers.made.map((w) => w.terminated)).toEqual([true, false]);
  });

  it('on abort of a queued call, drops it without touching the call in flight', async () => {
    const log: string[] = [];
    const workers = fakeWorkers(log);
    const bridge = new WorkerBridge<SlowApi>(workers.create);
    const running = bridge.call(new AbortController().signal, (api) => api.echo('first', 30));
    const second = new AbortController();
    const queued = bridge.call(second.signal, (api) => api.echo('second', 1));
    const third = bridge.call(new AbortController().signal, (api) => api.echo('third', 1));
    second.abort();
    expect(isAbort(await queued.catch((e: unknown) => e))).toBe(true);
    expect(await running).toBe('first');
    expect(await third).toBe('third');
    expect(log).toEqual(['start first', 'end first', 'start third', 'end third']);
    expect(workers.made).toHaveLength(1);
  });

  it('starts the worker ahead of the first call once, and still restores it before that call', async () => {
    const workers = fakeWorkers([]);
    const bridge = new WorkerBridge<SlowApi>(workers.create);
    let restores = 0;
    bridge.restore = async (api) => {
      restores++;
      await api.setState('restored');
    };
    bridge.warm();
    bridge.warm();
    expect(workers.made).toHaveLength(1);
    expect(restores).toBe(0);
    const signal = new AbortController().signal;
    expect(await bridge.call(signal, (api) => api.restored())).toBe('restored');
    expect(await bridge.call(signal, (api) => api.echo('again', 1))).toBe('again');
    expect(restores).toBe(1);
    expect(workers.made).toHaveLength(1);
  });

  it('when a worker dies under a call, rejects the call, reports it and restores a fresh worker at once', async () => {
    const log: string[] = [];
    const workers = fakeWorkers(log);
    const bridge = new WorkerBridge<SlowApi>(workers.create);
    const crashes: string[] = [];
    let restores = 0;
    bridge.onCrash = (reason) => crashes.push(reason);
    bridge.restore = async (api) => {
      restores++;
      await api.setState(`restored ${restores}`);
    };
    const running = bridge.call(new AbortController().signal, (api) => api.echo('doomed', 60_000));
    await new Promise((r) => setTimeout(r, 20));
    workers.made[0].crash('Array buffer allocation failed');
    const error = await running.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashError);
    expect((error as Error).message).toContain('stopped unexpectedly (Array buffer allocation failed)');
    expect(crashes).toEqual(['Array buffer allocation failed']);
    // A fresh worker is started and given its state back before anyone asks.
    await new Promise((r) => setTimeout(r, 20));
    expect(workers.made.map((w) => w.terminated)).toEqual([true, false]);
    expect(restores).toBe(2);
    expect(await bridge.call(new AbortController().signal, (api) => api.restored())).toBe('restored 2');
    // The old worker's late news is not a second crash.
    workers.made[0].crash('late');
    expect(crashes).toHaveLength(1);
  });

  it('refuses a call whose signal is already aborted', async () => {
    const bridge = new WorkerBridge<SlowApi>(fakeWorkers([]).create);
    const controller = new AbortController();
    controller.abort();
    expect(isAbort(await bridge.call(controller.signal, (api) => api.echo('x', 1)).catch((e: unknown) => e))).toBe(true);
  });
});
