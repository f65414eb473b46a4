import { describe, expect, it } from 'vitest';
import { DecoratorHandler, Dispatcher, getGlobalDispatcher, WebSocket } from '../../../shared/extract/offline-undici.ts';

describe('offline undici (the extraction worker bundle has no network stack)', () => {
  it('hands jsdom a dispatcher that refuses to dispatch', () => {
    const dispatcher = getGlobalDispatcher();
    expect(dispatcher).toBeInstanceOf(Dispatcher);
    expect(() => dispatcher.dispatch()).toThrow(/no network from the extraction worker/);
  });

  it('refuses to open a WebSocket or decorate a request handler', () => {
    expect(() => new WebSocket()).toThrow(/WebSocket: no network/);
    expect(() => new DecoratorHandler()).toThrow(/DecoratorHandler: no network/);
  });
});
