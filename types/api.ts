/**
 * The contract between the mini program and the cloud functions: for each function, its actions with their
 * request (the event minus `action`) and response (`data` of an ok Result).
 * Both src/services and cloudfunctions/ are typed by it, so a change on one side breaks the other's build.
 */

export interface PingResponse {
  openid: string;
  appid: string;
  env: string;
  serverTime: number;
}

/** Actions of the `shop` function: what a buyer's mini program calls. */
export interface ShopActions {
  ping: { request: Record<string, never>; response: PingResponse };
}

export interface CloudApi {
  shop: ShopActions;
}

export type FunctionName = keyof CloudApi;
export type ActionName<F extends FunctionName> = keyof CloudApi[F] & string;
export type ActionRequest<F extends FunctionName, A extends ActionName<F>> = CloudApi[F][A] extends {
  request: infer R;
}
  ? R
  : never;
export type ActionResponse<F extends FunctionName, A extends ActionName<F>> = CloudApi[F][A] extends {
  response: infer R;
}
  ? R
  : never;

/** The event a function receives: the action name and its request fields. */
export type ActionEvent<F extends FunctionName, A extends ActionName<F>> = { action: A } & ActionRequest<F, A>;
