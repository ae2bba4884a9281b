/** Pages and windows of the mini program: the four tab pages in the main package, every other domain a subpackage. */
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/category/index', 'pages/cart/index', 'pages/me/index'],
  subPackages: [
    { root: 'package-goods', pages: ['detail/index', 'search/index', 'reviews/index'] },
    {
      root: 'package-order',
      pages: ['checkout/index', 'list/index', 'detail/index', 'review/index', 'paid/index'],
    },
    {
      root: 'package-user',
      pages: [
        'address/index',
        'address-edit/index',
        'coupons/index',
        'after-sales/index',
        'after-sale-apply/index',
        'after-sale/index',
        'favorites/index',
        'history/index',
        'profile/index',
      ],
    },
    {
      root: 'package-merchant',
      pages: [
        'home/index',
        'orders/index',
        'order/index',
        'refunds/index',
        'staff/index',
        'join/index',
        'audit/index',
        'products/index',
        'product-edit/index',
        'coupons/index',
        'ship-batch/index',
        'export/index',
        'product-stats/index',
        'categories/index',
        'home-content/index',
      ],
    },
  ],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['package-goods'] },
    'pages/cart/index': { network: 'all', packages: ['package-order'] },
  },
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '云上小店',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f5f5',
  },
  tabBar: {
    color: '#999999',
    selectedColor: '#e93b3d',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/category/index',
        text: '分类',
        iconPath: 'assets/tab/category.png',
        selectedIconPath: 'assets/tab/category-active.png',
      },
      {
        pagePath: 'pages/cart/index',
        text: '购物车',
        iconPath: 'assets/tab/cart.png',
        selectedIconPath: 'assets/tab/cart-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
  // WeChat lets a mini program call chooseAddress (导入微信地址 on the address form) only when declared here.
  requiredPrivateInfos: ['chooseAddress'],
});
