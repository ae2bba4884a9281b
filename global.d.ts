/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'h5';
    /** H5 only: where the local cloud's function bridge lives ('' means same origin). */
    SHOP_CLOUD_URL?: string;
    /** Cloud environment id of the mini program (weapp). */
    SHOP_CLOUD_ENV?: string;
    /** weapp only: base URL of product images given as paths ('/assets/...'); cloud:// IDs need none. */
    SHOP_ASSETS_URL?: string;
  }
}
