/**
 * Cloud calls of the local cloud: the permission check every call passes first (config.json
 * `permissions.openapi` of the calling function), the openapi calls (`wx.openApi`), and the record of every
 * call served at GET /_/cloudcalls. cloudPay itself is answered by the pay sandbox; this module checks and
 * records it around the sandbox.
 */
import type { FunctionRuntime } from '../runtime/function-runtime';
import type { PaySandbox } from '../paysandbox';
import { CloudCallLog } from './call-log';
import { decodeOpenApiCall, encodeOpenApiAnswer } from './openapi-wire';
import { OpenApiCalls } from './openapi-calls';
import { ShipmentStore } from './shipment-store';
import path from 'node:path';
import { type CloudCallCaller, refusedCloudCall } from './permissions';

export const WX_OPEN_API_ACTION = 'wx.openApi';

/** An /admin answer for the SDK: status, headers and body as bytes. */
export interface CloudCallAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * An error the SDK throws with `errCode` = errcode: @cloudbase/node-sdk parses a wx.* answer of exactly this
 * content type as JSON, and wx-server-sdk throws a JSON answer that has an `errcode`.
 */
export function cloudCallError(error: { errcode: number; errmsg: string }): CloudCallAnswer {
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: Buffer.from(JSON.stringify(error), 'utf8'),
  };
}

export class CloudCalls {
  readonly log = new CloudCallLog();
  readonly #openApi: OpenApiCalls;

  constructor(
    private readonly runtime: FunctionRuntime,
    paySandbox: () => PaySandbox | undefined,
    /** The data folder: accepted shipping uploads are kept in <dataDir>/cloudcalls/ (memory only without). */
    dataDir?: string,
    now: () => Date = () => new Date(),
  ) {
    const shippable = (transaction: ReturnType<PaySandbox['transaction']>) =>
      transaction && { payerOpenid: transaction.payerOpenid, paid: transaction.state === 'SUCCESS' };
    this.#openApi = new OpenApiCalls(
      {
        findPayment: (transactionId) => shippable(paySandbox()?.transactionById(transactionId)),
        findPaymentByOrder: (mchid, outTradeNo) => {
          const transaction = paySandbox()?.transaction(outTradeNo);
          return transaction?.mchid === mchid ? shippable(transaction) : undefined;
        },
      },
      {
        shipments: new ShipmentStore(dataDir === undefined ? undefined : path.join(dataDir, 'cloudcalls')),
        now,
      },
    );
  }

  /** The function an /admin request came from and the cloud calls its config.json declares. */
  callerOf(invocationId: string | undefined): CloudCallCaller {
    const functionName = invocationId ? this.runtime.callerOf(invocationId)?.functionName : undefined;
    const spec = functionName ? this.runtime.catalog.find(functionName) : undefined;
    return { functionName, permissions: spec?.openapiPermissions ?? [] };
  }

  /** Checks a cloudPay call; answers the refusal (and records it) when the function may not make it. */
  refuseCloudPay(
    apiName: string,
    args: unknown,
    invocationId: string | undefined,
  ): CloudCallAnswer | undefined {
    const name = `cloudPay.${apiName}`;
    const caller = this.callerOf(invocationId);
    const refusal = refusedCloudCall(name, caller);
    if (!refusal) return undefined;
    this.record(name, caller, invocationId, args, refusal, refusal.errcode);
    return cloudCallError(refusal);
  }

  /** Records a cloudPay call the sandbox answered. */
  recordCloudPay(apiName: string, invocationId: string | undefined, args: unknown, answer: Buffer): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.toString('utf8'));
    } catch {
      parsed = answer.toString('utf8');
    }
    const failed = typeof parsed === 'object' && parsed !== null && ('errcode' in parsed || 'code' in parsed);
    const errcode = failed ? Number((parsed as { errcode?: unknown }).errcode ?? -1) : 0;
    this.record(`cloudPay.${apiName}`, this.callerOf(invocationId), invocationId, args, parsed, errcode);
  }

  /** The /admin action wx.openApi (`cloud.openapi.<name>(data)`). */
  openApi(apiName: string, requestData: Buffer, invocationId: string | undefined): CloudCallAnswer {
    const caller = this.callerOf(invocationId);
    let data: Record<string, unknown>;
    try {
      data = decodeOpenApiCall(requestData).data;
    } catch (error) {
      const refusal = { errcode: -501007, errmsg: `invalid openapi request: ${String(error)}` };
      this.record(apiName, caller, invocationId, null, refusal, refusal.errcode);
      return cloudCallError(refusal);
    }
    const refusal = refusedCloudCall(apiName, caller);
    if (refusal) {
      this.record(apiName, caller, invocationId, data, refusal, refusal.errcode);
      return cloudCallError(refusal);
    }
    if (!OpenApiCalls.knows(apiName)) {
      const notFound = { errcode: -604100, errmsg: `API not found: ${apiName}` };
      this.record(apiName, caller, invocationId, data, notFound, notFound.errcode);
      return cloudCallError(notFound);
    }
    const answer = this.#openApi.answer(apiName, data);
    this.record(apiName, caller, invocationId, data, answer, answer.errcode);
    return {
      status: 200,
      headers: { 'content-type': 'application/octet-stream' },
      body: encodeOpenApiAnswer(answer),
    };
  }

  private record(
    name: string,
    caller: CloudCallCaller,
    invocationId: string | undefined,
    args: unknown,
    answer: unknown,
    errcode: number,
  ): void {
    this.log.record({
      name,
      functionName: caller.functionName ?? null,
      invocationId: invocationId ?? null,
      args,
      answer,
      errcode,
    });
  }
}
