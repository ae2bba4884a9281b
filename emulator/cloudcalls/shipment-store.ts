/**
 * The shipping information uploads WeChat accepted, kept durably in the data folder as the local cloud's
 * other state is: each change is written to a temporary file, synced, then renamed into place, so an upload
 * that was answered as accepted survives a crash or a restart (WeChat allows one upload and one re-upload per
 * payment, and remembers them).
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

export interface AcceptedShipment {
  /** The payment's key: `tx:<transaction_id>` or `mch:<mchid>:<out_trade_no>`. */
  key: string;
  /** Uploads accepted for it: 1, then 2 after a re-upload. */
  uploads: number;
  /** The last accepted upload as the SDK sent it. */
  last: Record<string, unknown>;
  at: string;
}

export const SHIPMENTS_FILE = 'shipments.json';

export class ShipmentStore {
  readonly #shipments = new Map<string, AcceptedShipment>();

  /** Without a folder the store lives in memory only. */
  constructor(private readonly folder?: string) {
    const file = this.file();
    if (file && existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { shipments?: AcceptedShipment[] };
      for (const shipment of saved.shipments ?? []) this.#shipments.set(shipment.key, shipment);
    }
  }

  uploads(key: string): number {
    return this.#shipments.get(key)?.uploads ?? 0;
  }

  all(): AcceptedShipment[] {
    return [...this.#shipments.values()];
  }

  /** Records an accepted upload; written to disk before it returns. */
  accept(key: string, data: Record<string, unknown>, at: Date): void {
    const next: AcceptedShipment = { key, uploads: this.uploads(key) + 1, last: data, at: at.toISOString() };
    this.#shipments.set(key, next);
    this.save();
  }

  private file(): string | undefined {
    return this.folder ? path.join(this.folder, SHIPMENTS_FILE) : undefined;
  }

  private save(): void {
    const file = this.file();
    if (!file || !this.folder) return;
    mkdirSync(this.folder, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, JSON.stringify({ shipments: this.all() }));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  }
}
