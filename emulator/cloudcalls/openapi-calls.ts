/**
 * The openapi cloud calls the shop uses, answered as WeChat does, with WeChat's documented validation:
 * - `wxaSecOrder.uploadShippingInfo`: 发货信息录入 (POST /wxa/sec/order/upload_shipping_info), the shipping
 *   information every mini program payment needs before its funds are settled;
 * - `subscribeMessage.send`: 发送订阅消息 (POST /cgi-bin/message/subscribe/send).
 * Anything else answers -604100 (API not found). docs/local-cloud.md lists each rule with its source.
 */

export interface ShippablePayment {
  payerOpenid: string;
  /** Only a paid payment (not refunded, not closed) can be shipped. */
  paid: boolean;
}

export interface OpenApiContext {
  /** The payment behind a WeChat Pay transaction id, or undefined when WeChat Pay has none. */
  findPayment(transactionId: string): ShippablePayment | undefined;
  /** The payment behind a merchant number and order number. */
  findPaymentByOrder(mchid: string, outTradeNo: string): ShippablePayment | undefined;
}

export type OpenApiAnswer = { errcode: number; errmsg: string } & Record<string, unknown>;

/** Where accepted shipping uploads are kept (see shipment-store.ts) and the time they are stamped with. */
export interface OpenApiState {
  shipments: ShipmentStore;
  now(): Date;
}

/** WeChat's express company codes (get_delivery_list) the local cloud accepts: the common carriers. */
export const EXPRESS_COMPANIES: Readonly<Record<string, string>> = {
  SF: '顺丰速运',
  ZTO: '中通快递',
  YTO: '圆通速递',
  STO: '申通快递',
  YD: '韵达快递',
  JTSD: '极兔速递',
  EMS: '中国邮政速递物流',
  YZPY: '邮政快递包裹',
  JD: '京东物流',
  DBL: '德邦快递',
  HTKY: '百世快递',
};

import { ShipmentStore } from './shipment-store';

const OK: OpenApiAnswer = { errcode: 0, errmsg: 'ok' };

function fail(errcode: number, errmsg: string): OpenApiAnswer {
  return { errcode, errmsg };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** Characters as WeChat counts them (code points). */
function length(text: string): number {
  return [...text].length;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export class OpenApiCalls {
  /** Uploads accepted per payment key: WeChat takes one upload and one re-upload (重新发货), no more. */
  readonly #shipments: ShipmentStore;
  readonly #now: () => Date;

  constructor(
    private readonly context: OpenApiContext,
    state: Partial<OpenApiState> = {},
  ) {
    this.#shipments = state.shipments ?? new ShipmentStore();
    this.#now = state.now ?? (() => new Date());
  }

  /** The API names the local cloud answers. */
  static readonly NAMES = ['wxaSecOrder.uploadShippingInfo', 'subscribeMessage.send'] as const;

  static knows(name: string): boolean {
    return (OpenApiCalls.NAMES as readonly string[]).includes(name);
  }

  answer(name: string, data: Record<string, unknown>): OpenApiAnswer {
    if (name === 'wxaSecOrder.uploadShippingInfo') return this.uploadShippingInfo(data);
    if (name === 'subscribeMessage.send') return sendSubscribeMessage(data);
    return fail(-604100, `API not found: ${name}`);
  }

  uploadShippingInfo(data: Record<string, unknown>): OpenApiAnswer {
    const orderKey = data.order_key;
    if (!isRecord(orderKey)) return fail(10060014, 'invalid param: order_key is required');
    let payment: ShippablePayment | undefined;
    let key: string;
    if (orderKey.order_number_type === 2) {
      if (!nonEmptyString(orderKey.transaction_id))
        return fail(10060014, 'invalid param: order_key.transaction_id is required for order_number_type 2');
      key = `tx:${orderKey.transaction_id}`;
      payment = this.context.findPayment(orderKey.transaction_id);
    } else if (orderKey.order_number_type === 1) {
      if (!nonEmptyString(orderKey.mchid) || !nonEmptyString(orderKey.out_trade_no))
        return fail(10060014, 'invalid param: order_key.mchid and out_trade_no are required for type 1');
      key = `mch:${orderKey.mchid}:${orderKey.out_trade_no}`;
      payment = this.context.findPaymentByOrder(orderKey.mchid, orderKey.out_trade_no);
    } else {
      return fail(10060014, 'invalid param: order_key.order_number_type must be 1 or 2');
    }

    const logisticsType = data.logistics_type;
    if (logisticsType !== 1 && logisticsType !== 2 && logisticsType !== 3 && logisticsType !== 4)
      return fail(10060005, 'invalid logistics_type: 1 express, 2 local delivery, 3 virtual, 4 self pick-up');
    const deliveryMode = data.delivery_mode;
    if (deliveryMode !== 1 && deliveryMode !== 2)
      return fail(268485224, 'invalid delivery_mode: 1 UNIFIED_DELIVERY or 2 SPLIT_DELIVERY');
    if (deliveryMode === 2 && logisticsType !== 1)
      return fail(10060006, 'split delivery is only allowed for express delivery (logistics_type 1)');
    if (deliveryMode === 2 && typeof data.is_all_delivered !== 'boolean')
      return fail(10060007, 'is_all_delivered is required in split delivery mode');

    const list = data.shipping_list;
    if (!Array.isArray(list) || list.length === 0)
      return fail(10060014, 'invalid param: shipping_list must list at least one package');
    if (list.length > 15) return fail(10060024, 'shipping_list is too long (at most 15)');
    if (deliveryMode === 1 && list.length !== 1)
      return fail(268485228, 'unified delivery takes exactly one shipping_list entry');
    for (const [index, entry] of list.entries()) {
      const problem = shippingEntryProblem(entry, index, logisticsType);
      if (problem) return problem;
    }

    if (typeof data.upload_time !== 'string' || !RFC3339.test(data.upload_time))
      return fail(268485216, 'upload_time is invalid: give it in RFC 3339 format');
    const payer = data.payer;
    if (!isRecord(payer) || !nonEmptyString(payer.openid))
      return fail(10060014, 'invalid param: payer.openid is required');

    if (!payment) return fail(10060001, 'payment order not found');
    if (payment.payerOpenid !== payer.openid)
      return fail(10060031, 'the payment order does not belong to the user named by payer.openid');
    if (!payment.paid) return fail(10060004, 'the payment order is not in a state that can be shipped');
    if (this.#shipments.uploads(key) >= 2)
      return fail(10060003, 'the payment order has used its one chance to ship again');
    this.#shipments.accept(key, data, this.#now());
    return OK;
  }
}

function shippingEntryProblem(
  entry: unknown,
  index: number,
  logisticsType: number,
): OpenApiAnswer | undefined {
  const at = `shipping_list[${index}]`;
  if (!isRecord(entry)) return fail(10060014, `invalid param: ${at} must be an object`);
  if (!nonEmptyString(entry.item_desc)) return fail(10060008, `${at}.item_desc is required`);
  if (length(entry.item_desc) > 120) return fail(10060009, `${at}.item_desc is too long (at most 120)`);
  if (logisticsType !== 1) return undefined;
  if (!nonEmptyString(entry.tracking_no))
    return fail(10060014, `invalid param: ${at}.tracking_no is required for express delivery`);
  if (entry.tracking_no.length > 128) return fail(10060026, `${at}.tracking_no is too long (at most 128)`);
  if (!nonEmptyString(entry.express_company))
    return fail(10060014, `invalid param: ${at}.express_company is required for express delivery`);
  if (entry.express_company.length > 128)
    return fail(10060025, `${at}.express_company is too long (at most 128)`);
  if (!Object.prototype.hasOwnProperty.call(EXPRESS_COMPANIES, entry.express_company))
    return fail(10060014, `invalid param: ${at}.express_company is not a code of get_delivery_list`);
  if (entry.express_company === 'SF') {
    // SF Express needs a (masked) phone number of the sender or the receiver.
    const contact = entry.contact;
    if (
      !isRecord(contact) ||
      !(nonEmptyString(contact.consignor_contact) || nonEmptyString(contact.receiver_contact))
    )
      return fail(10060014, `invalid param: ${at}.contact is required for SF Express`);
  }
  return undefined;
}

/** Value rules of subscribe message data by the key's type (the part of the key before its number). */
const VALUE_RULES: Readonly<Record<string, (value: string) => boolean>> = {
  thing: (v) => length(v) <= 20,
  number: (v) => /^[0-9]{1,32}(\.[0-9]+)?$/.test(v) && v.length <= 32,
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => length(v) <= 5,
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
  time: (v) => length(v) <= 32,
  date: (v) => length(v) <= 32,
  amount: (v) => /^[0-9]{1,10}(\.[0-9]{1,2})?元?$/.test(v),
  phone_number: (v) => /^[0-9+\- ]{1,17}$/.test(v),
  car_number: (v) => length(v) <= 8,
  name: (v) => length(v) <= 10 || (/^[A-Za-z .]+$/.test(v) && v.length <= 20),
  phrase: (v) => /^[\u4e00-\u9fa5]{1,5}$/.test(v),
};

function sendSubscribeMessage(data: Record<string, unknown>): OpenApiAnswer {
  if (!nonEmptyString(data.touser)) return fail(40003, 'invalid openid: touser is required');
  if (!nonEmptyString(data.template_id) || !/^[A-Za-z0-9_-]{10,64}$/.test(data.template_id))
    return fail(40037, 'invalid template_id');
  if (data.page !== undefined) {
    if (typeof data.page !== 'string' || data.page.startsWith('/') || !/^[\w/-]+(\?.*)?$/.test(data.page))
      return fail(41030, 'invalid page: a page path of this mini program, without a leading "/"');
  }
  if (
    data.miniprogram_state !== undefined &&
    !['developer', 'trial', 'formal'].includes(String(data.miniprogram_state))
  )
    return fail(47001, 'miniprogram_state must be developer, trial or formal');
  if (data.lang !== undefined && !['zh_CN', 'en_US', 'zh_HK', 'zh_TW'].includes(String(data.lang)))
    return fail(47001, 'lang must be zh_CN, en_US, zh_HK or zh_TW');
  const fields = data.data;
  if (!isRecord(fields) || Object.keys(fields).length === 0)
    return fail(47003, 'argument invalid! data is required');
  for (const [key, field] of Object.entries(fields)) {
    const type = /^([a-z_]+?)\d+$/.exec(key)?.[1];
    const rule = type === undefined ? undefined : VALUE_RULES[type];
    if (!rule) return fail(47003, `argument invalid! data.${key} is not a template keyword`);
    if (!isRecord(field) || typeof field.value !== 'string' || field.value.length === 0)
      return fail(47003, `argument invalid! data.${key}.value is empty`);
    if (!rule(field.value)) return fail(47003, `argument invalid! data.${key}.value invalid`);
  }
  return { errcode: 0, errmsg: 'ok', msgid: Date.now() };
}
