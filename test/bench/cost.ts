/**
 * The cost model: AWS list prices (us-east-1) times what one capture uses. Pure, so the arithmetic is
 * unit-tested; the usage figures come from the bench's measurements and are passed in.
 */

/**
 * us-east-1 list prices. Written from the published price pages as known in 2025 (the bench cannot reach
 * the internet to re-check them): check https://aws.amazon.com/<service>/pricing/ before quoting.
 */
export const PRICES = {
  asOf: '2025 (us-east-1 list prices, from memory of the published pages; not fetched)',
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaX86PerGbSecond: 0.0000166667,
  lambdaPerRequest: 0.2 / 1e6,
  s3PutPerRequest: 0.005 / 1000,
  s3GetPerRequest: 0.0004 / 1000,
  s3StandardPerGbMonth: 0.023,
  /** On-demand, after the November 2024 price cut. */
  dynamoPerWriteUnit: 0.625 / 1e6,
  dynamoPerReadUnit: 0.125 / 1e6,
  dynamoStoragePerGbMonth: 0.25,
  sqsPerRequest: 0.4 / 1e6,
  httpApiPerRequest: 1.0 / 1e6,
  xrayPerTraceRecorded: 5.0 / 1e6,
} as const;

/** Lambda gives one full vCPU at 1,769 MB and CPU in proportion to memory below that. */
export const FULL_VCPU_MB = 1769;

export interface CaptureUsage {
  /** Capture function memory (MB) and architecture, from the stack. */
  captureMemoryMb: number;
  arch: 'arm64' | 'x86_64';
  /** CPU time of one capture on one full core (extraction, quotes, rendering, hashing), ms. */
  cpuMsFullCore: number;
  /** Waiting time per capture that memory does not shorten (fetch over the internet, S3 and DynamoDB calls), ms. */
  ioMs: number;
  /** SQS messages per capture function invocation (the event source's batch size). */
  batchSize: number;
  apiMemoryMb: number;
  /** API function invocations per capture (the submission and the reads that follow it). */
  apiRequestsPerCapture: number;
  /** Billed duration of one API function invocation, ms. */
  apiMsPerRequest: number;
  s3PutsPerCapture: number;
  s3GetsPerCapture: number;
  /** Bytes stored per capture (raw, snapshot, text, WARC...). */
  storedBytesPerCapture: number;
  dynamoWriteUnitsPerCapture: number;
  dynamoReadUnitsPerCapture: number;
  /** Bytes of catalogue items per capture (record, quotes, author links, with index copies). */
  dynamoBytesPerCapture: number;
  sqsRequestsPerCapture: number;
  /** X-Ray traces recorded per capture (active tracing: the API request and the capture invocation). */
  tracesPerCapture: number;
}

export interface CostLine {
  item: string;
  basis: string;
  perCapture: number;
  perMillion: number;
}

export interface CostReport {
  captureBilledMs: number;
  captureGbSeconds: number;
  lines: CostLine[];
  /** Everything billed once per capture (requests, compute, writes), excluding storage. */
  perCapture: number;
  perMillion: number;
  /** Storage of a million captures, per month (S3 Standard + DynamoDB). */
  storagePerMillionPerMonth: number;
  /** Lambda compute of the capture function alone, per million captures (the issue's ≤ $40 target). */
  captureComputePerMillion: number;
}

/** Billed ms of one capture: CPU work stretched by the share of a vCPU the memory size buys, plus waiting. */
export function captureBilledMs(usage: Pick<CaptureUsage, 'captureMemoryMb' | 'cpuMsFullCore' | 'ioMs'>): number {
  const cpuShare = Math.min(1, usage.captureMemoryMb / FULL_VCPU_MB);
  return Math.ceil(usage.cpuMsFullCore / cpuShare + usage.ioMs);
}

export function costPerCapture(usage: CaptureUsage, prices = PRICES): CostReport {
  const gbSecondPrice = usage.arch === 'arm64' ? prices.lambdaArmPerGbSecond : prices.lambdaX86PerGbSecond;
  const billedMs = captureBilledMs(usage);
  const gbSeconds = (usage.captureMemoryMb / 1024) * (billedMs / 1000);
  const apiGbSeconds = usage.apiRequestsPerCapture * (usage.apiMemoryMb / 1024) * (Math.ceil(usage.apiMsPerRequest) / 1000);
  const gb = 1024 ** 3;
  const lines: CostLine[] = [];
  const add = (item: string, basis: string, perCapture: number) => lines.push({ item, basis, perCapture, perMillion: perCapture * 1e6 });
  add('Lambda capture compute', `${gbSeconds.toFixed(3)} GB-s (${billedMs} ms at ${usage.captureMemoryMb} MB ${usage.arch})`, gbSeconds * gbSecondPrice);
  add('Lambda capture requests', `1 invocation per ${usage.batchSize} messages`, prices.lambdaPerRequest / usage.batchSize);
  add('Lambda API compute', `${usage.apiRequestsPerCapture} x ${Math.ceil(usage.apiMsPerRequest)} ms at ${usage.apiMemoryMb} MB`, apiGbSeconds * gbSecondPrice);
  add('Lambda API requests', `${usage.apiRequestsPerCapture} invocations`, usage.apiRequestsPerCapture * prices.lambdaPerRequest);
  add('API Gateway (HTTP API)', `${usage.apiRequestsPerCapture} requests`, usage.apiRequestsPerCapture * prices.httpApiPerRequest);
  add('S3 PUT', `${usage.s3PutsPerCapture.toFixed(1)} puts`, usage.s3PutsPerCapture * prices.s3PutPerRequest);
  add('S3 GET', `${usage.s3GetsPerCapture.toFixed(1)} gets`, usage.s3GetsPerCapture * prices.s3GetPerRequest);
  add('DynamoDB writes', `${usage.dynamoWriteUnitsPerCapture.toFixed(1)} WRU (indexes included)`, usage.dynamoWriteUnitsPerCapture * prices.dynamoPerWriteUnit);
  add('DynamoDB reads', `${usage.dynamoReadUnitsPerCapture.toFixed(1)} RRU`, usage.dynamoReadUnitsPerCapture * prices.dynamoPerReadUnit);
  add('SQS', `${usage.sqsRequestsPerCapture.toFixed(1)} requests`, usage.sqsRequestsPerCapture * prices.sqsPerRequest);
  add('X-Ray traces', `${usage.tracesPerCapture} traces (active tracing, sampled at most)`, usage.tracesPerCapture * prices.xrayPerTraceRecorded);
  const perCapture = lines.reduce((sum, line) => sum + line.perCapture, 0);
  const storagePerCaptureMonth =
    (usage.storedBytesPerCapture / gb) * prices.s3StandardPerGbMonth + (usage.dynamoBytesPerCapture / gb) * prices.dynamoStoragePerGbMonth;
  return {
    captureBilledMs: billedMs,
    captureGbSeconds: gbSeconds,
    lines,
    perCapture,
    perMillion: perCapture * 1e6,
    storagePerMillionPerMonth: storagePerCaptureMonth * 1e6,
    captureComputePerMillion: lines[0]!.perMillion,
  };
}

/**
 * Modelled, not measured on Lambda: billed ms and capture compute per million captures at several memory
 * sizes, with CPU time scaled by the vCPU share (flat above 1,769 MB for this single-threaded work).
 */
export function memoryTable(usage: CaptureUsage, sizesMb: number[], prices = PRICES): Array<{ memoryMb: number; billedMs: number; perMillion: number }> {
  const gbSecondPrice = usage.arch === 'arm64' ? prices.lambdaArmPerGbSecond : prices.lambdaX86PerGbSecond;
  return sizesMb.map((memoryMb) => {
    const billedMs = captureBilledMs({ ...usage, captureMemoryMb: memoryMb });
    return { memoryMb, billedMs, perMillion: (memoryMb / 1024) * (billedMs / 1000) * gbSecondPrice * 1e6 };
  });
}

/**
 * DynamoDB's size of one item in its wire (marshalled) form: attribute names plus values, as the
 * service counts them for write units (strings and binaries by UTF-8 bytes, numbers about 1 byte per
 * 2 digits + 1, 1 byte for booleans and nulls, 3 bytes of overhead per map or list plus 1 per element).
 */
export function dynamoItemSize(item: Record<string, unknown>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += Buffer.byteLength(name) + attributeSize(value);
  return size;
}

function attributeSize(value: unknown): number {
  if (!value || typeof value !== 'object') return 1;
  const [type, inner] = Object.entries(value as Record<string, unknown>)[0] ?? ['NULL', true];
  switch (type) {
    case 'S':
      return Buffer.byteLength(String(inner));
    case 'N':
      return Math.ceil(String(inner).replace(/^-/, '').length / 2) + 1;
    case 'B':
      return typeof inner === 'string' ? Math.floor((inner.length * 3) / 4) : 0;
    case 'BOOL':
    case 'NULL':
      return 1;
    case 'SS':
    case 'NS':
    case 'BS':
      return (inner as unknown[]).reduce<number>((sum, v) => sum + attributeSize({ [type.slice(0, 1)]: v }), 0);
    case 'L':
      return 3 + (inner as unknown[]).reduce<number>((sum, v) => sum + 1 + attributeSize(v), 0);
    case 'M':
      return 3 + Object.entries(inner as Record<string, unknown>).reduce((sum, [k, v]) => sum + 1 + Buffer.byteLength(k) + attributeSize(v), 0);
    default:
      return 1;
  }
}

/** Write units for one put: 1 per started KB, once for the table and once for each index holding the item. */
export function writeUnits(itemBytes: number, indexes: number): number {
  return Math.max(1, Math.ceil(itemBytes / 1024)) * (1 + indexes);
}
