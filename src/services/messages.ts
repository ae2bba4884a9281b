/**
 * 订阅消息 at payment: the shop's templates are read before the payment sheet opens, so that in the payment's
 * success callback (where WeChat allows it without another tap) the buyer is asked at once; what they accept
 * is recorded by the server, one message allowed per acceptance. H5 has no subscribe messages.
 */
import Taro from '@tarojs/taro';
import type { MessageTemplate } from '@shop/types';
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
  if (process.env.TARO_ENV !== 'weapp' || !templates || templates.length === 0) return;
  const tmplIds = templates.map((template) => template.templateId);
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
