/**
 * Express companies the merchant ships with, by WeChat's code (发货信息管理 get_delivery_list): the code goes
 * to WeChat with the shipping information, the name is what buyers read.
 */
export const EXPRESS_COMPANIES = {
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
} as const;

export type ExpressCompanyCode = keyof typeof EXPRESS_COMPANIES;

export const EXPRESS_COMPANY_CODES = Object.keys(EXPRESS_COMPANIES) as [
  ExpressCompanyCode,
  ...ExpressCompanyCode[],
];
