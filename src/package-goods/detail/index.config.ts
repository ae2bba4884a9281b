// 猜你喜欢 at the bottom loads when the buyer scrolls within this many px of it, before it shows.
export default definePageConfig({ navigationBarTitleText: '商品详情', onReachBottomDistance: 400 });
