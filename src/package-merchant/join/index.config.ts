export default definePageConfig({ navigationBarTitleText: '加入店铺' });
