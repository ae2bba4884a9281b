/**
 * One line for whatever miniprogram-ci threw at a network step: unreachable servers, the upload key's IP
 * whitelist, an unknown cloud environment, or WeChat's own message. Its errors come as Error objects, bare
 * strings or `{ errCode, errMsg }` objects, often with the cause's text nested ("Error: Error: getaddrinfo …").
 */

export interface CiErrorContext {
  /** What was being done, e.g. "upload of function shop". */
  step: string;
  appid: string;
  envId?: string;
}

/** System error codes of a connection that failed; checked before the phrases that wrap them. */
const NETWORK_CODES =
  /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ESOCKETTIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE)\b/;
const NETWORK_PHRASES = /(socket hang up|tunneling socket could not be established|network timeout)/i;

/** The text of an error in any of the shapes miniprogram-ci uses. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const record = error as Record<string, unknown>;
    for (const key of ['errMsg', 'message', 'msg', 'errmsg']) {
      if (typeof record[key] === 'string' && record[key] !== '') return record[key] as string;
    }
    try {
      return JSON.stringify(error);
    } catch {
      return String(error);
    }
  }
  return String(error);
}

function firstLine(text: string, max = 240): string {
  const line = text
    .split('\n')
    .map((part) => part.trim())
    .find((part) => part !== '' && !part.startsWith('at '));
  const cleaned = (line ?? text.trim()).replace(/^(Error:\s*)+/, '');
  return cleaned.length > max ? `${cleaned.slice(0, max - 1)}…` : cleaned;
}

export function describeCiError(error: unknown, context: CiErrorContext): string {
  const text = errorText(error);
  const network = NETWORK_CODES.exec(text) ?? NETWORK_PHRASES.exec(text);
  if (network) {
    const host = /\b(?:getaddrinfo \w+|connect \w+) ([\w.:-]+)/.exec(text)?.[1];
    return `${context.step}: cannot reach WeChat's servers (${network[1]}${host ? ` ${host}` : ''}): check the network, or the proxy in HTTPS_PROXY`;
  }
  const ip = /invalid ip:?\s*([\d.:a-f]+)?/i.exec(text);
  if (ip) {
    return `${context.step}: WeChat refused this machine's IP address${ip[1] ? ` ${ip[1]}` : ''}: add it to the upload key's IP whitelist (mp.weixin.qq.com → 开发管理 → 开发设置 → 小程序代码上传) or turn the whitelist off`;
  }
  if (/env not found/i.test(text)) {
    return `${context.step}: cloud environment "${context.envId ?? ''}" not found for AppID ${context.appid}: check envId (云开发控制台 → 设置 → 环境ID) and that the environment belongs to this mini program`;
  }
  if (/private key|signature|签名/i.test(text)) {
    return `${context.step}: the upload key was refused (${firstLine(text)}): ciPrivateKeyPath must be the key downloaded for AppID ${context.appid}`;
  }
  return `${context.step} failed: ${firstLine(text)}`;
}
