/**
 * 订阅消息 at payment: the shop's templates are read before the payment sheet opens, so that in the payment's
 * success callback (where WeChat allows it without another tap) the buyer is asked at once; what they accept
 * is recorded by the server, one message allowed per acceptance. H5 has no subscribe messages.
 */
import Taro from '@tarojs/taro';
import {
  ORDER_MESSAGE_EVENTS,
  type MessageTemplate,
  type Result,
  type RestockSubscribeResponse,
} from '@shop/types';
import { callCloud } from './cloud';

let templates: MessageTemplate[] | undefined;

/** Reads the templates once per launch; an error leaves them unknown (nothing is asked, payment goes on). */
export async function loadMessageTemplates(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp' || templates !== undefined) return;
  const answer = await callCloud('shop', 'message.templates', {});
  if (answer.ok) templates = answer.data.templates;
}

/** The ids WeChat answered 'accept' for. */
export function acceptedIds(answer: Record<string, unknown>, asked: readonly string[]): string[] {
  return asked.filter((id) => answer[id] === 'accept');
}

/** Asks the buyer (call it straight from the payment's success callback) and records what they accepted. */
export function askForOrderMessages(): void {
  const forOrders = (templates ?? []).filter((template) =>
    (ORDER_MESSAGE_EVENTS as readonly string[]).includes(template.event),
  );
  if (process.env.TARO_ENV !== 'weapp' || forOrders.length === 0) return;
  const tmplIds = forOrders.map((template) => template.templateId);
  // Taro's typing insists on entityIds, a different use of the same API; WeChat wants only tmplIds here.
  const options = {
    tmplIds,
    success: (answer: Record<string, unknown>) => {
      const accepted = acceptedIds(answer, tmplIds);
      if (accepted.length > 0) void callCloud('shop', 'message.subscribe', { accepted });
    },
    fail: () => undefined,
  };
  void Taro.requestSubscribeMessage(options as unknown as Parameters<typeof Taro.requestSubscribeMessage>[0]);
}

/** Whether 到货提醒 can be offered: in WeChat only with the shop's template; H5 records it without asking. */
export function canAskForRestock(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return true;
  return (templates ?? []).some((template) => template.event === 'restock');
}

/**
 * 到货提醒 for a sold-out SKU: call it straight from the tap. In WeChat the buyer is asked for the template
 * first; only an acceptance is recorded (`undefined` when they declined).
 */
export function askForRestock(skuId: string): Promise<Result<RestockSubscribeResponse> | undefined> {
  const record = () => callCloud('shop', 'restock.subscribe', { skuId });
  const template = templates?.find((t) => t.event === 'restock');
  if (process.env.TARO_ENV !== 'weapp') return record();
  if (!template) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const options = {
      tmplIds: [template.templateId],
      success: (answer: Record<string, unknown>) => {
        if (acceptedIds(answer, [template.templateId]).length > 0) void record().then(resolve);
        else resolve(undefined);
      },
      fail: () => resolve(undefined),
    };
    void Taro.requestSubscribeMessage(
      options as unknown as Parameters<typeof Taro.requestSubscribeMessage>[0],
    );
  });
}
