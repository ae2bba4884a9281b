export default definePageConfig({ navigationBarTitleText: '商品数据', enablePullDownRefresh: true });
