/** H5 only: the local cloud's stand-in for WeChat's payment sheet; its buttons pay or fail the order in the pay sandbox. */
import { renderSheet } from './sandbox-pay-sheet-view';
import { currentTestUser } from './test-user';

export type SandboxSheetResult = 'paid' | 'cancelled' | 'failed';

export interface SandboxSheetOrder {
  /** WeChat Pay's out_trade_no: the order number. */
  outTradeNo: string;
  amountFen: number;
}

export interface SandboxSheetOptions {
  /** Where the local cloud is; default SHOP_CLOUD_URL ('' = the page's own origin). */
  baseUrl?: string;
  /** The buyer who pays; default the chosen test user (the sandbox refuses anyone but the order's payer). */
  openid?: string;
  fetch?: typeof fetch;
  document?: Document;
}

/** The sandbox's routes for the sheet (docs/payments.md). */
export const SHEET_ROUTES = { pay: '/_/paysandbox/pay', fail: '/_/paysandbox/fail' } as const;

interface RouteAnswer {
  ok: boolean;
  code?: string;
  message: string;
}

async function post(send: typeof fetch, url: string, body: object): Promise<RouteAnswer> {
  try {
    const response = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json().catch(() => ({}))) as {
      ok?: unknown;
      code?: unknown;
      message?: unknown;
    };
    return {
      ok: response.ok && answer.ok === true,
      code: typeof answer.code === 'string' ? answer.code : undefined,
      message: typeof answer.message === 'string' ? answer.message : `支付未完成（HTTP ${response.status}）`,
    };
  } catch {
    return { ok: false, code: 'NETWORK', message: '连接不到本地云，请确认它在运行' };
  }
}

/** Shows the sheet and resolves with what the buyer did; the sheet is gone by then. */
export function showSandboxPaySheet(
  order: SandboxSheetOrder,
  options: SandboxSheetOptions = {},
): Promise<SandboxSheetResult> {
  const baseUrl = options.baseUrl ?? process.env.SHOP_CLOUD_URL ?? '';
  const buyer = currentTestUser();
  const openid = options.openid ?? buyer.openid;
  // Called through a wrapper: window.fetch refuses to run with another `this`.
  const send: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const view = renderSheet(
    {
      outTradeNo: order.outTradeNo,
      amountFen: order.amountFen,
      payer: openid === buyer.openid ? buyer.nickname : openid,
    },
    options.document,
  );

  return new Promise((resolve) => {
    let busy = false;
    const finish = (result: SandboxSheetResult): void => {
      view.root.remove();
      resolve(result);
    };

    view.pay.addEventListener('click', () => {
      if (busy) return;
      busy = true;
      view.showMessage('');
      view.setBusy(true, '支付中…');
      void post(send, `${baseUrl}${SHEET_ROUTES.pay}`, { outTradeNo: order.outTradeNo, openid }).then(
        (answer) => {
          // Paid before (a second tab, a retried tap): for the buyer that is a payment made.
          if (answer.ok || answer.code === 'ORDER_PAID') return finish('paid');
          busy = false;
          view.setBusy(false);
          view.showMessage(answer.message);
        },
      );
    });

    view.fail.addEventListener('click', () => {
      if (busy) return;
      busy = true;
      view.setBusy(true);
      // The buyer asked for a failure: it is one whether or not the sandbox could record it.
      void post(send, `${baseUrl}${SHEET_ROUTES.fail}`, { outTradeNo: order.outTradeNo }).then(() =>
        finish('failed'),
      );
    });

    view.cancel.addEventListener('click', () => {
      if (!busy) finish('cancelled');
    });
  });
}
