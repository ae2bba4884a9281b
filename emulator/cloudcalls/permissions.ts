/**
 * Cloud call permissions: in CloudBase a function may make only the cloud calls its config.json lists in
 * `permissions.openapi`; any other fails with errCode -604101 ("function has no permission to call this
 * API", wx-server-sdk's WX_FUNCTIONS_SERVER_OPENAPI_NO_PERMISSION).
 */

export const NO_PERMISSION_ERRCODE = -604101;
export const API_NOT_FOUND_ERRCODE = -604100;

export interface CloudCallCaller {
  /** The calling function, undefined when the call comes from outside any invocation. */
  functionName: string | undefined;
  /** That function's `permissions.openapi`. */
  permissions: readonly string[];
}

/** The error answer when the caller may not make the call, else undefined. */
export function refusedCloudCall(
  name: string,
  caller: CloudCallCaller,
): { errcode: number; errmsg: string } | undefined {
  if (caller.functionName !== undefined && caller.permissions.includes(name)) return undefined;
  const who = caller.functionName === undefined ? 'a caller outside any function' : caller.functionName;
  return {
    errcode: NO_PERMISSION_ERRCODE,
    errmsg:
      `function has no permission to call this API: ${who} does not declare "${name}" in ` +
      'config.json permissions.openapi',
  };
}
