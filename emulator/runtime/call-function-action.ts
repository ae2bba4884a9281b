/**
 * The /admin action `functions.invokeFunction`, sent by cloud.callFunction. The callee inherits the caller's
 * user (OPENID, APPID, ...) and its SOURCE gains ",scf", as in the cloud. The answer has the shape
 * @cloudbase/node-sdk reads: `data.response_data` holds the JSON of the result; a failed function becomes an
 * error answer `{ code, message }` that wx-server-sdk turns into a rejected callFunction.
 */
import { AdminError, type AdminRequest } from '../admin';
import type { FunctionRuntime } from './function-runtime';
import type { InvocationCaller } from './invocation-env';

export const INVOKE_FUNCTION_ACTION = 'functions.invokeFunction';

export interface InvokeFunctionAnswer {
  data: { response_data: string };
}

export async function answerInvokeFunction(
  runtime: FunctionRuntime,
  request: Pick<AdminRequest, 'params' | 'invocationId'>,
): Promise<InvokeFunctionAnswer> {
  const { function_name: name, request_data: data } = request.params;
  if (typeof name !== 'string' || name === '')
    throw new AdminError('INVALID_PARAM', 'function_name is required');
  let event: unknown = {};
  if (typeof data === 'string' && data !== '') {
    try {
      event = JSON.parse(data);
    } catch {
      throw new AdminError('INVALID_PARAM', 'request_data is not JSON');
    }
  }
  const parent = request.invocationId ? runtime.callerOf(request.invocationId) : undefined;
  // A call from outside any invocation (a script using the SDK) carries no user, like the cloud's HTTP API.
  const caller: InvocationCaller = parent
    ? {
        openid: parent.openid,
        appid: parent.appid,
        unionid: parent.unionid,
        clientIp: parent.clientIp,
        clientIpv6: parent.clientIpv6,
        source: parent.source ? `${parent.source},scf` : 'scf',
      }
    : {};
  const result = await runtime.invoke({
    functionName: name,
    event,
    caller,
    trigger: 'callFunction',
    parentInvocationId: parent ? request.invocationId : undefined,
  });
  if (!result.ok) throw new AdminError(result.error.code, result.error.message);
  return { data: { response_data: JSON.stringify(result.result ?? null) } };
}
