/**
 * Stands in for undici in the extraction bundles (an esbuild alias on the worker bundle only: the capture
 * handler's own fetcher keeps the real undici). jsdom loads undici for what extraction never does:
 * subresource loading, XMLHttpRequest and WebSocket (no resources are fetched, scripts never run). Its
 * 700 kB were a sixth of the worker's import time. Loading jsdom and building a window need only these
 * four names; anything that would touch the network throws instead.
 */

import { EventEmitter } from 'node:events';

function offline(what: string): never {
  throw new Error(`${what}: no network from the extraction worker (undici is not bundled there)`);
}

export class Dispatcher extends EventEmitter {
  dispatch(): boolean {
    return offline('Dispatcher.dispatch');
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
  destroy(): Promise<void> {
    return Promise.resolve();
  }
}

export class DecoratorHandler {
  constructor() {
    offline('DecoratorHandler');
  }
}

export class WebSocket {
  constructor() {
    offline('WebSocket');
  }
}

/** jsdom asks for it when a window is built, and hands it to its own dispatcher, which never dispatches here. */
export function getGlobalDispatcher(): Dispatcher {
  return new Dispatcher();
}
