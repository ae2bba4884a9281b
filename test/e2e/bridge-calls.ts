/**
 * Calls the local cloud's functions as the H5 build's bridge does (x-wx-openid), for scenarios that stage
 * orders or check the outcome without going through the page.
 */
import type { ActionName, ActionRequest, ActionResponse, Result } from '../../types';

export async function call(
  baseUrl: string,
  fn: string,
  event: object,
  openid: string,
): Promise<Result<unknown>> {
  const response = await fetch(`${baseUrl}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify(event),
  });
  return (await response.json()) as Result<unknown>;
}

/** A `shop` action as `openid`, insisting on success and answering its data. */
export function shopActionsOf(openid: string) {
  return async function asBuyer<A extends ActionName<'shop'>>(
    baseUrl: string,
    action: A,
    request: ActionRequest<'shop', A>,
  ): Promise<ActionResponse<'shop', A>> {
    const answer = await call(baseUrl, 'shop', { ...(request as object), action }, openid);
    if (!answer.ok) throw new Error(`${action} answered ${answer.code}: ${answer.message}`);
    return answer.data as ActionResponse<'shop', A>;
  };
}

/** Polls the bridge (never the page) until `check` holds: payments and refunds finish through the sandbox. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
