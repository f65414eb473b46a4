/**
 * A guard for the SSRF suites: patches net.Socket#connect so that any attempt to dial an address
 * outside loopback is recorded and fails instead of leaving the machine, even if the fetcher under
 * test were broken. Addresses net.connect would resolve through a `lookup` option are checked too.
 */

import type { LookupAddress } from 'node:dns';
import net from 'node:net';

export interface Tripwire {
  /** Non-loopback addresses something tried to dial (should stay empty). */
  readonly attempts: string[];
  restore(): void;
}

/** 127/8, ::1, and the "this host" forms that the kernel routes to loopback. */
export function isLocalAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (/^127\.\d+\.\d+\.\d+$/.test(bare) || bare === '0.0.0.0') return true;
  if (bare === '::1' || bare === '::' || bare === '0:0:0:0:0:0:0:1') return true;
  return /^::ffff:127\.\d+\.\d+\.\d+$/.test(bare) || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(bare);
}

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;
type LookupFunction = (hostname: string, options: { all?: boolean }, callback: LookupCallback) => void;

export function installTripwire(): Tripwire {
  const attempts: string[] = [];
  const original = net.Socket.prototype.connect;

  const guardOptions = (options: Record<string, unknown>): void => {
    const host = typeof options['host'] === 'string' ? options['host'] : undefined;
    if (typeof options['path'] === 'string') return;
    if (host !== undefined && net.isIP(host) !== 0 && !isLocalAddress(host)) {
      attempts.push(host);
      throw new Error(`tripwire: refused to dial ${host}`);
    }
    const lookup = options['lookup'] as LookupFunction | undefined;
    if (typeof lookup === 'function') {
      options['lookup'] = ((hostname, lookupOptions, callback) =>
        lookup(hostname, lookupOptions, (error, address, family) => {
          const list = Array.isArray(address) ? address.map((a) => a.address) : [address];
          const foreign = list.filter((a) => typeof a === 'string' && !isLocalAddress(a));
          if (error === null && foreign.length > 0) {
            attempts.push(...foreign);
            callback(new Error(`tripwire: refused to dial ${foreign.join(', ')}`), address, family);
            return;
          }
          callback(error, address, family);
        })) satisfies LookupFunction;
    }
  };

  net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
    const first = args[0];
    const options = Array.isArray(first) ? first[0] : first;
    if (typeof options === 'object' && options !== null) guardOptions(options as Record<string, unknown>);
    else if (typeof first === 'number' && typeof args[1] === 'string') guardOptions({ host: args[1] });
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof original;

  return {
    attempts,
    restore: () => {
      net.Socket.prototype.connect = original;
    },
  };
}
