/**
 * The sandbox's transactions and refunds: in memory, written through to <dataDir>/paysandbox/transactions.json
 * so a restarted local cloud still knows every order it took (and which notifications are still owed).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TradeState } from './wechatpay-crypto';

/** Which API took the order: it decides the wire format of answers and how the result is notified. */
export type SandboxChannel = 'v3' | 'cloudpay';

export interface NotificationProgress {
  /** Same for every retry of one payment, as WeChat Pay's notification id is. */
  eventId: string;
  attempts: number;
  delivered: boolean;
  /** Epoch ms of the next try; absent once delivered or given up. */
  nextAttemptAt?: number;
  /** What the last try got, for the sandbox's listing: "HTTP 500", "errcode 1", an error message. */
  lastOutcome?: string;
}

export interface SandboxTransaction {
  channel: SandboxChannel;
  /** The mini program's appid (v3 appid, cloudPay sub_appid). */
  appid: string;
  /** The merchant (v3 mchid, cloudPay sub_mch_id). */
  mchid: string;
  outTradeNo: string;
  description: string;
  totalFen: number;
  payerOpenid: string;
  attach?: string;
  /** v3: where the payment notification goes. */
  notifyUrl?: string;
  /** cloudPay: the function invoked with the payment result. */
  callback?: { envId: string; functionName: string };
  prepayId: string;
  /** Epoch ms the current prepay_id was issued; it lives two hours. */
  prepayIssuedAt: number;
  createdAt: number;
  /** Epoch ms after which payment is refused (time_expire). */
  expiresAt?: number;
  state: TradeState;
  transactionId?: string;
  paidAt?: number;
  closedAt?: number;
  /** Sum of refunds accepted so far. */
  refundedFen: number;
  /** How many refunds were accepted (absent in transactions stored before it was counted: none). */
  refundCount?: number;
  notification?: NotificationProgress;
}

export interface SandboxRefund {
  outRefundNo: string;
  refundId: string;
  outTradeNo: string;
  transactionId: string;
  totalFen: number;
  refundFen: number;
  reason?: string;
  createdAt: number;
  /** Epoch ms from which the refund reports SUCCESS (PROCESSING before). */
  settlesAt: number;
}

interface StoreFile {
  transactions: SandboxTransaction[];
  refunds: SandboxRefund[];
}

export const TRANSACTIONS_FILE = 'transactions.json';

export class TransactionStore {
  private readonly transactions = new Map<string, SandboxTransaction>();
  private readonly refunds = new Map<string, SandboxRefund>();

  /** Without a file the store lives in memory only (a sandbox for one test). */
  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as StoreFile;
      for (const transaction of saved.transactions ?? [])
        this.transactions.set(transaction.outTradeNo, transaction);
      for (const refund of saved.refunds ?? []) this.refunds.set(refund.outRefundNo, refund);
    }
  }

  static inFolder(folder: string): TransactionStore {
    return new TransactionStore(path.join(folder, TRANSACTIONS_FILE));
  }

  get(outTradeNo: string): SandboxTransaction | undefined {
    return this.transactions.get(outTradeNo);
  }

  findByPrepayId(prepayId: string): SandboxTransaction | undefined {
    for (const transaction of this.transactions.values())
      if (transaction.prepayId === prepayId) return transaction;
    return undefined;
  }

  findByTransactionId(transactionId: string): SandboxTransaction | undefined {
    for (const transaction of this.transactions.values()) {
      if (transaction.transactionId === transactionId) return transaction;
    }
    return undefined;
  }

  all(): SandboxTransaction[] {
    return [...this.transactions.values()];
  }

  getRefund(outRefundNo: string): SandboxRefund | undefined {
    return this.refunds.get(outRefundNo);
  }

  refundsOf(outTradeNo: string): SandboxRefund[] {
    return [...this.refunds.values()].filter((refund) => refund.outTradeNo === outTradeNo);
  }

  /** Records are replaced whole and saved at once: what a client was told survives a restart. */
  putTransaction(transaction: SandboxTransaction): void {
    this.transactions.set(transaction.outTradeNo, transaction);
    this.save();
  }

  putRefund(refund: SandboxRefund): void {
    this.refunds.set(refund.outRefundNo, refund);
    this.save();
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const content: StoreFile = { transactions: this.all(), refunds: [...this.refunds.values()] };
    // Write then rename: a crash mid-write leaves the previous file, never a truncated one.
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(content));
    renameSync(temporary, this.file);
  }
}
