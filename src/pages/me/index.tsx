/** 我的: the buyer's avatar and nickname, order shortcuts with their counts, 收藏 and 浏览记录, addresses, coupons and after-sales. */
import { useState } from 'react';
import { View, Text, Image } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import {
  orderTab,
  type BuyerOverview,
  type BuyerProfile,
  type OrderTabKey,
  type StaffRole,
} from '@shop/types';
import { applyCartBadge, badgeText } from '../../store/cart-badge';
import { fetchOverview } from '../../services/buyer-lists';
import { imageUrl } from '../../services/image-url';
import { cachedStaffRole, staffRole } from '../../services/staff';
import { chooseTestUser, currentTestUser, TEST_USERS } from '../../services/test-user';
import './index.css';

const ROLE_TEXT: Record<StaffRole, string> = { owner: '店主', operator: '运营', service: '客服' };

interface OrderShortcut {
  tab: Exclude<OrderTabKey, 'ALL'>;
  title: string;
  icon: string;
  /** Which badge of me.overview it shows. */
  count: keyof BuyerOverview['orders'];
  /** Where it opens, when not the order list on its tab. */
  url?: string;
}

/**
 * 全部 has its own link in the card head; the other tabs are the shortcuts, each with its count. 待评价 opens
 * 已完成, where received orders carry their 评价 button.
 */
const ORDER_SHORTCUTS: OrderShortcut[] = [
  { tab: 'TO_PAY', title: orderTab('TO_PAY').title, icon: 'pay', count: 'toPay' },
  { tab: 'TO_SHIP', title: orderTab('TO_SHIP').title, icon: 'ship', count: 'toShip' },
  { tab: 'TO_RECEIVE', title: orderTab('TO_RECEIVE').title, icon: 'receive', count: 'toReceive' },
  { tab: 'DONE', title: '待评价', icon: 'done', count: 'toReview' },
  // 售后服务 lists both what the badge counts: orders in refund and after-sales requests after receipt.
  {
    tab: 'AFTER_SALE',
    title: orderTab('AFTER_SALE').title,
    icon: 'refund',
    count: 'afterSale',
    url: '/package-user/after-sales/index',
  },
];

interface MenuEntry {
  id: string;
  text: string;
  url: string;
}

const MENU: MenuEntry[] = [
  { id: 'me-addresses', text: '收货地址', url: '/package-user/address/index' },
  { id: 'me-claim-coupons', text: '领券中心', url: '/package-user/coupons/index?tab=claim' },
  { id: 'me-coupons', text: '我的优惠券', url: '/package-user/coupons/index?tab=mine' },
  { id: 'me-after-sales', text: '售后服务', url: '/package-user/after-sales/index' },
];

/** H5 only: which test buyer the local cloud sees; switching reloads so every page reads as that buyer. */
async function switchTestUser(): Promise<void> {
  try {
    const { tapIndex } = await Taro.showActionSheet({ itemList: TEST_USERS.map((user) => user.nickname) });
    const chosen = TEST_USERS[tapIndex];
    if (!chosen || chosen.openid === currentTestUser().openid) return;
    chooseTestUser(chosen.openid);
    window.location.reload();
  } catch {
    // Dismissing the sheet is not an error.
  }
}

/** The header: the buyer's avatar and nickname (WeChat's fill-in, saved by 个人资料), which opens 个人资料. */
function Profile({ profile }: { profile: BuyerProfile | undefined }) {
  const avatar = profile?.avatar ? (
    <Image className="me__avatar" id="me-avatar" src={imageUrl(profile.avatar)} mode="aspectFill" />
  ) : (
    <View className="me__avatar" />
  );
  const openProfile = () => void Taro.navigateTo({ url: '/package-user/profile/index' });
  if (process.env.TARO_ENV === 'h5') {
    // The H5 build has no WeChat login: the header also says which test buyer the local cloud sees.
    const user = currentTestUser();
    return (
      <View className="me__profile">
        <View onClick={openProfile}>{avatar}</View>
        <View className="me__who">
          <Text className="me__nickname" id="me-nickname" onClick={openProfile}>
            {profile?.nickname || user.nickname}
          </Text>
          <Text className="me__switch" id="me-test-user" onClick={() => void switchTestUser()}>
            {user.nickname} · 切换 ›
          </Text>
        </View>
      </View>
    );
  }
  return (
    <View className="me__profile" id="me-profile" onClick={openProfile}>
      {avatar}
      <View className="me__who">
        <Text className="me__nickname" id="me-nickname">
          {profile?.nickname || '微信用户'}
        </Text>
        <Text className="me__switch">{profile?.nickname ? '编辑资料 ›' : '设置头像和昵称 ›'}</Text>
      </View>
    </View>
  );
}

/** Staff only: the way into the workspace; buyers never see it (staff.me decides, cached). */
function WorkspaceEntry({ role }: { role: StaffRole }) {
  return (
    <View
      className="card me__menu-item me__workspace"
      id="me-workspace"
      onClick={() => Taro.navigateTo({ url: '/package-merchant/home/index' })}
    >
      <Text className="me__workspace-title">商家工作台</Text>
      <Text className="me__more">{ROLE_TEXT[role]} ›</Text>
    </View>
  );
}

export default function MePage() {
  const [role, setRole] = useState<StaffRole | undefined>(() => cachedStaffRole()?.role);
  const [overview, setOverview] = useState<BuyerOverview | undefined>();
  useDidShow(() => {
    applyCartBadge();
    void staffRole().then(setRole);
    // One call on every show: paying, cancelling or reviewing elsewhere changes the badges, and 个人资料 may
    // have just saved a new avatar or nickname.
    void fetchOverview().then((answer) => {
      if (answer.ok) setOverview(answer.data);
    });
  });
  return (
    <View className="me">
      <Profile profile={overview?.profile} />
      <View className="card me__orders">
        <View
          className="me__orders-head"
          id="me-all-orders"
          onClick={() => Taro.navigateTo({ url: '/package-order/list/index' })}
        >
          <Text className="me__orders-title">我的订单</Text>
          <Text className="me__more">全部订单 ›</Text>
        </View>
        <View className="me__shortcuts">
          {ORDER_SHORTCUTS.map((shortcut) => {
            const count = overview?.orders[shortcut.count] ?? 0;
            return (
              <View
                key={shortcut.tab}
                id={`me-orders-${shortcut.tab}`}
                className="me__shortcut"
                onClick={() =>
                  Taro.navigateTo({ url: shortcut.url ?? `/package-order/list/index?tab=${shortcut.tab}` })
                }
              >
                <View className={`me__shortcut-icon me__shortcut-icon--${shortcut.icon}`}>
                  {count > 0 ? (
                    <Text className="me__badge" id={`me-badge-${shortcut.count}`}>
                      {badgeText(count)}
                    </Text>
                  ) : null}
                </View>
                <Text className="me__shortcut-text">{shortcut.title}</Text>
              </View>
            );
          })}
        </View>
      </View>
      <View className="card me__kept">
        <View
          className="me__kept-entry"
          id="me-favorites"
          onClick={() => Taro.navigateTo({ url: '/package-user/favorites/index' })}
        >
          <Text className="me__kept-count" id="me-favorites-count">
            {overview ? overview.favorites : '-'}
          </Text>
          <Text className="me__kept-text">我的收藏</Text>
        </View>
        <View
          className="me__kept-entry"
          id="me-history"
          onClick={() => Taro.navigateTo({ url: '/package-user/history/index' })}
        >
          <Text className="me__kept-count me__kept-count--icon">◷</Text>
          <Text className="me__kept-text">浏览记录</Text>
        </View>
      </View>
      {role ? <WorkspaceEntry role={role} /> : null}
      <View className="card me__menu">
        {MENU.map((entry) => (
          <View
            key={entry.id}
            id={entry.id}
            className="me__menu-item"
            onClick={() => Taro.navigateTo({ url: entry.url })}
          >
            <Text>{entry.text}</Text>
            <Text className="me__more">›</Text>
          </View>
        ))}
      </View>
      {/* Staff invited with a code rather than a card type it in the workspace's 加入店铺. */}
      {role ? null : (
        <View
          className="me__join"
          id="me-join-shop"
          onClick={() => Taro.navigateTo({ url: '/package-merchant/join/index' })}
        >
          店铺员工？输入邀请码加入 ›
        </View>
      )}
    </View>
  );
}
