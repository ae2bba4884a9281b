/**
 * @jest-environment jsdom
 */
/** The H5 payment sheet: what it shows, what each button sends to the pay sandbox, and what it resolves with. */
import { showSandboxPaySheet, type SandboxSheetResult } from '../sandbox-pay-sheet';
import { SHEET_ROOT_ID } from '../sandbox-pay-sheet-view';
import { chooseTestUser } from '../test-user';

interface Sent {
  url: string;
  body: Record<string, unknown>;
}

/** A fetch that records each request and answers the given status and JSON in turn. */
function fakeFetch(...answers: { status: number; body: unknown }[]) {
  const sent: Sent[] = [];
  const send = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    sent.push({ url: String(input), body: JSON.parse(String(init?.body)) as Record<string, unknown> });
    const answer = answers.shift() ?? { status: 500, body: {} };
    const response = {
      ok: answer.status >= 200 && answer.status < 300,
      status: answer.status,
      json: async () => answer.body,
    };
    return response as unknown as Response;
  };
  return { send, sent };
}

const ORDER = { outTradeNo: 'SO202611220001', amountFen: 2590 };

function sheet(): HTMLElement | null {
  return document.getElementById(SHEET_ROOT_ID);
}

function click(action: 'pay' | 'cancel' | 'fail'): void {
  const target = sheet()?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
  if (!target) throw new Error(`no ${action} button`);
  target.click();
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  document.body.innerHTML = '';
  localStorage.clear();
});

describe('the sandbox payment sheet', () => {
  it('shows the merchant, the amount in yuan and the order number, with the three buttons', () => {
    void showSandboxPaySheet(ORDER, { fetch: fakeFetch().send });
    const root = sheet();
    expect(root?.parentElement).toBe(document.body);
    expect(root?.textContent).toContain('云上小店');
    expect(root?.querySelector('[data-role="amount"]')?.textContent).toBe('¥25.90');
    expect(root?.querySelector('[data-role="order-no"]')?.textContent).toContain('SO202611220001');
    const labels = Array.from(root?.querySelectorAll('button') ?? []).map((node) => node.textContent);
    expect(labels).toEqual(['支付', '取消', '支付失败']);
    expect(root?.querySelector<HTMLButtonElement>('[data-action="pay"]')?.style.background).toMatch(
      /#07c160|rgb\(7, 193, 96\)/,
    );
  });

  it('支付 pays the order as the chosen test buyer and resolves paid, removing itself', async () => {
    chooseTestUser('test-buyer-bob');
    const { send, sent } = fakeFetch({ status: 200, body: { ok: true, state: 'SUCCESS' } });
    const result = showSandboxPaySheet(ORDER, { fetch: send, baseUrl: 'http://127.0.0.1:8080' });
    expect(sheet()?.textContent).toContain('测试买家 小博');
    click('pay');
    expect(await result).toBe<SandboxSheetResult>('paid');
    expect(sent).toEqual([
      {
        url: 'http://127.0.0.1:8080/_/paysandbox/pay',
        body: { outTradeNo: 'SO202611220001', openid: 'test-buyer-bob' },
      },
    ]);
    expect(sheet()).toBeNull();
  });

  it('calls the same origin when no base URL is configured', async () => {
    const { send, sent } = fakeFetch({ status: 200, body: { ok: true } });
    const result = showSandboxPaySheet(ORDER, { fetch: send });
    click('pay');
    await result;
    expect(sent[0].url).toBe('/_/paysandbox/pay');
    expect(sent[0].body.openid).toBe('test-buyer-alice');
  });

  it('keeps itself open with the reason when the sandbox refuses, and 取消 then resolves cancelled', async () => {
    const { send } = fakeFetch({
      status: 409,
      body: { ok: false, code: 'ORDER_CLOSED', message: '订单已关闭，不能支付' },
    });
    const result = showSandboxPaySheet(ORDER, { fetch: send });
    click('pay');
    await settle();
    expect(sheet()?.querySelector('[role="alert"]')?.textContent).toBe('订单已关闭，不能支付');
    expect(sheet()?.querySelector<HTMLButtonElement>('[data-action="pay"]')?.disabled).toBe(false);
    click('cancel');
    expect(await result).toBe<SandboxSheetResult>('cancelled');
    expect(sheet()).toBeNull();
  });

  it('takes an order paid already as paid', async () => {
    const { send } = fakeFetch({
      status: 409,
      body: { ok: false, code: 'ORDER_PAID', message: '该订单已支付' },
    });
    const result = showSandboxPaySheet(ORDER, { fetch: send });
    click('pay');
    expect(await result).toBe<SandboxSheetResult>('paid');
  });

  it('says so when the local cloud cannot be reached', async () => {
    const result = showSandboxPaySheet(ORDER, {
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    click('pay');
    await settle();
    expect(sheet()?.querySelector('[role="alert"]')?.textContent).toContain('本地云');
    click('cancel');
    expect(await result).toBe<SandboxSheetResult>('cancelled');
  });

  it('支付失败 fails the order in the sandbox and resolves failed', async () => {
    const { send, sent } = fakeFetch({ status: 200, body: { ok: true, state: 'PAYERROR' } });
    const result = showSandboxPaySheet(ORDER, { fetch: send });
    click('fail');
    expect(await result).toBe<SandboxSheetResult>('failed');
    expect(sent).toEqual([{ url: '/_/paysandbox/fail', body: { outTradeNo: 'SO202611220001' } }]);
    expect(sheet()).toBeNull();
  });

  it('ignores 取消 while a payment is on its way', async () => {
    let answer: (value: Response) => void = () => undefined;
    const pending = new Promise<Response>((resolve) => (answer = resolve));
    const result = showSandboxPaySheet(ORDER, { fetch: () => pending });
    click('pay');
    click('cancel');
    expect(sheet()).not.toBeNull();
    answer({ ok: true, status: 200, json: async () => ({ ok: true }) } as unknown as Response);
    expect(await result).toBe<SandboxSheetResult>('paid');
  });
});
