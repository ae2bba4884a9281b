/** The sample shop's after-sales settings (SHOP_AFTER_SALES): a week after completion, and where returns go. */
export const SAMPLE_AFTER_SALES = {
  windowDays: 7,
  returnAddress: {
    name: '云上小店售后部',
    mobile: '13800000000',
    address: '浙江省杭州市西湖区文三路 100 号 1 楼',
  },
  returnCouponOnFullRefund: false,
};
