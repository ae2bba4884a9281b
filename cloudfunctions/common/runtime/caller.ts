/** Who is calling: read from WeChat's context (cloud.getWXContext), never from the event. */
import cloud from 'wx-server-sdk';

export interface Caller {
  /** OPENID of the buyer; empty when the function was not called from the mini program (timer, HTTP). */
  openid: string;
  appid: string;
  unionid: string;
  source: string;
}

export function currentCaller(): Caller {
  const context = cloud.getWXContext();
  return {
    openid: context.OPENID ?? '',
    appid: context.APPID ?? '',
    unionid: context.UNIONID ?? '',
    source: context.SOURCE ?? '',
  };
}
