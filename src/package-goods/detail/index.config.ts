// 猜你喜欢 at the bottom loads when the buyer scrolls within this many px of it, before it shows.
// Sharing to a chat and to 朋友圈 is on: both cards open this product (product-share.ts).
export default definePageConfig({
  navigationBarTitleText: '商品详情',
  onReachBottomDistance: 400,
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
