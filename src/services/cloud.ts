/**
 * The only place the mini program calls cloud functions. In WeChat it goes through wx.cloud; in the H5 build it
 * goes to the local cloud's function bridge as the chosen test user. Pages get the contract's types, never the
 * transport's shapes.
 */
import Taro from '@tarojs/taro';
import type { ActionName, ActionRequest, ActionResponse, FunctionName, Result } from '@shop/types';
import { currentTestUser } from './test-user';

let cloudReady = false;

export function initCloud(): void {
  if (cloudReady || process.env.TARO_ENV !== 'weapp') return;
  Taro.cloud.init({ env: process.env.SHOP_CLOUD_ENV || undefined, traceUser: true });
  cloudReady = true;
}

export async function callCloud<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  request: ActionRequest<F, A>,
): Promise<Result<ActionResponse<F, A>>> {
  const event = { ...(request as object), action };
  try {
    if (process.env.TARO_ENV === 'h5') return await callThroughBridge(fn, event);
    initCloud();
    const answer = await Taro.cloud.callFunction({ name: fn, data: event });
    return answer.result as Result<ActionResponse<F, A>>;
  } catch (error) {
    return { ok: false, code: 'NETWORK', message: error instanceof Error ? error.message : String(error) };
  }
}

async function callThroughBridge<T>(fn: string, event: object): Promise<Result<T>> {
  const response = await fetch(`${process.env.SHOP_CLOUD_URL}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': currentTestUser().openid },
    body: JSON.stringify(event),
  });
  const body = (await response.json().catch(() => null)) as (Result<T> & { errMsg?: string }) | null;
  if (response.ok && body && typeof body.ok === 'boolean') return body;
  // The function itself failed (threw, timed out): what wx.cloud.callFunction would reject with.
  return { ok: false, code: 'INTERNAL', message: body?.errMsg ?? `HTTP ${response.status}` };
}
