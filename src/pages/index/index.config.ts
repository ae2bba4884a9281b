export default definePageConfig({
  navigationBarTitleText: '云上小店',
  enablePullDownRefresh: true,
});
