/** The look of the H5 payment sheet: plain DOM styled like WeChat's bottom payment sheet, no behaviour. */
import { formatYuan } from '../../types/money';

export const SHEET_ROOT_ID = 'sandbox-pay-sheet';
export const MERCHANT_NAME = '云上小店';

export interface SheetContent {
  outTradeNo: string;
  amountFen: number;
  /** Who pays: the chosen test buyer. */
  payer: string;
}

export interface SheetView {
  root: HTMLElement;
  pay: HTMLButtonElement;
  cancel: HTMLButtonElement;
  fail: HTMLButtonElement;
  /** Disables the buttons while a request is out; the pay button tells what is happening. */
  setBusy(busy: boolean, payLabel?: string): void;
  showMessage(text: string): void;
}

type Style = Partial<Record<keyof CSSStyleDeclaration, string>>;

const FONT =
  '-apple-system, BlinkMacSystemFont, "PingFang SC", "Helvetica Neue", "Microsoft YaHei", sans-serif';

function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  style: Style,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  Object.assign(node.style, style);
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(doc: Document, action: string, label: string, style: Style): HTMLButtonElement {
  const node = element(doc, 'button', { cursor: 'pointer', fontFamily: FONT, ...style }, label);
  node.type = 'button';
  node.dataset.action = action;
  return node;
}

const BLOCK_BUTTON: Style = {
  display: 'block',
  width: '100%',
  height: '48px',
  border: 'none',
  borderRadius: '8px',
  fontSize: '17px',
  fontWeight: '500',
};

/** Builds the sheet and attaches it under document.body; the caller removes `root` when done. */
export function renderSheet(content: SheetContent, doc: Document = document): SheetView {
  const root = element(doc, 'div', {
    position: 'fixed',
    inset: '0',
    zIndex: '10000',
    display: 'flex',
    alignItems: 'flex-end',
    justifyContent: 'center',
    background: 'rgba(0, 0, 0, 0.5)',
    fontFamily: FONT,
  });
  root.id = SHEET_ROOT_ID;

  const panel = element(doc, 'div', {
    width: '100%',
    maxWidth: '640px',
    boxSizing: 'border-box',
    padding: '20px 24px calc(16px + env(safe-area-inset-bottom))',
    background: '#fff',
    borderRadius: '12px 12px 0 0',
    textAlign: 'center',
    color: '#191919',
  });
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-modal', 'true');
  panel.setAttribute('aria-label', '微信支付');

  // Says plainly that no money moves: this sheet exists only in the local cloud's H5 shop.
  const caption = element(doc, 'div', { fontSize: '13px', color: '#999' }, '微信支付 · 本地沙箱');
  const merchant = element(doc, 'div', { marginTop: '16px', fontSize: '16px' }, MERCHANT_NAME);
  const amount = element(doc, 'div', { margin: '8px 0 4px', fontWeight: '600' });
  amount.dataset.role = 'amount';
  amount.append(
    element(doc, 'span', { fontSize: '26px', marginRight: '2px' }, '¥'),
    element(doc, 'span', { fontSize: '44px', letterSpacing: '0.5px' }, formatYuan(content.amountFen)),
  );
  const details = element(doc, 'div', {
    margin: '16px 0 20px',
    padding: '12px 0',
    borderTop: '1px solid #eee',
    borderBottom: '1px solid #eee',
    fontSize: '13px',
    color: '#888',
    lineHeight: '22px',
    textAlign: 'left',
  });
  const orderLine = element(doc, 'div', {}, `订单号  ${content.outTradeNo}`);
  orderLine.dataset.role = 'order-no';
  details.append(orderLine, element(doc, 'div', {}, `付款人  ${content.payer}`));

  const message = element(doc, 'div', {
    display: 'none',
    marginBottom: '12px',
    fontSize: '14px',
    color: '#fa5151',
  });
  message.setAttribute('role', 'alert');

  const pay = button(doc, 'pay', '支付', { ...BLOCK_BUTTON, background: '#07c160', color: '#fff' });
  const cancel = button(doc, 'cancel', '取消', {
    ...BLOCK_BUTTON,
    marginTop: '12px',
    background: '#f2f2f2',
    color: '#191919',
  });
  const fail = button(doc, 'fail', '支付失败', {
    marginTop: '14px',
    padding: '4px 8px',
    border: 'none',
    background: 'none',
    fontSize: '13px',
    color: '#576b95',
  });
  fail.title = '模拟银行拒绝这次支付';

  panel.append(caption, merchant, amount, details, message, pay, cancel, fail);
  root.append(panel);
  doc.body.append(root);

  return {
    root,
    pay,
    cancel,
    fail,
    setBusy(busy, payLabel = '支付') {
      for (const node of [pay, cancel, fail]) node.disabled = busy;
      pay.textContent = payLabel;
      pay.style.opacity = busy ? '0.6' : '1';
    },
    showMessage(text) {
      message.textContent = text;
      message.style.display = text ? 'block' : 'none';
    },
  };
}
