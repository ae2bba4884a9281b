/**
 * The record of every cloud call functions made (cloudPay, openapi): what was called, by which function, with
 * which arguments and what it answered. Served at GET /_/cloudcalls so a test or a developer can see, for
 * example, the shipping information an order's shipment uploaded. Bounded: the oldest records are dropped.
 */

export interface CloudCallRecord {
  /** Increasing number of the call since the local cloud started. */
  readonly seq: number;
  /** ISO time of the call. */
  readonly at: string;
  /** The name the function called, as in config.json's permissions (`cloudPay.refund`, `subscribeMessage.send`). */
  readonly name: string;
  /** The calling function, or null for a call from outside any invocation. */
  readonly functionName: string | null;
  readonly invocationId: string | null;
  /** The call's data as the SDK sent it (snake_case). */
  readonly args: unknown;
  /** The answer's data, or the error `{ errcode, errmsg }`. */
  readonly answer: unknown;
  /** 0 when the call succeeded, else WeChat's or the cloud's error code. */
  readonly errcode: number;
}

export interface CloudCallFilter {
  name?: string;
  functionName?: string;
  /** Only calls with a greater seq. */
  since?: number;
}

export const CLOUD_CALL_LOG_CAPACITY = 2000;

export class CloudCallLog {
  readonly #records: CloudCallRecord[] = [];
  #seq = 0;

  constructor(private readonly capacity = CLOUD_CALL_LOG_CAPACITY) {}

  record(call: Omit<CloudCallRecord, 'seq' | 'at'>): CloudCallRecord {
    this.#seq += 1;
    const record: CloudCallRecord = { seq: this.#seq, at: new Date().toISOString(), ...call };
    this.#records.push(record);
    if (this.#records.length > this.capacity) this.#records.splice(0, this.#records.length - this.capacity);
    return record;
  }

  list(filter: CloudCallFilter = {}): CloudCallRecord[] {
    return this.#records.filter(
      (call) =>
        (filter.name === undefined || call.name === filter.name) &&
        (filter.functionName === undefined || call.functionName === filter.functionName) &&
        (filter.since === undefined || call.seq > filter.since),
    );
  }
}
