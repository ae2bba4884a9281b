export default definePageConfig({ navigationBarTitleText: '商品管理', onReachBottomDistance: 120 });
