/** The wx-server-sdk instance every function shares, bound to the environment it runs in. */
import cloud from 'wx-server-sdk';

// DYNAMIC_CURRENT_ENV is a symbol the SDK resolves to the environment the function is deployed in.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export { cloud };
export const db = cloud.database();
export const command = db.command;
