/** 优惠券: 领券中心 (claim the shop's coupons) and 我的优惠券 (可使用 / 已使用 / 已过期). ?tab=claim|mine. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { ClaimableCoupon, UserCoupon } from '@shop/types';
import EmptyState from '../../components/empty-state';
import ErrorState from '../../components/status/error-state';
import Skeleton from '../../components/status/skeleton';
import { toast } from '../../components/common/confirm';
import CouponTicket from '../../components/coupon/coupon-ticket';
import {
  claimButtonText,
  conditionText,
  faceText,
  scopeText,
  templateWindowText,
  windowText,
} from '../../components/coupon/coupon-text';
import { claimCoupon, fetchClaimableCoupons, fetchMyCoupons } from '../../services/coupon';
import { errorMessage } from '../../services/error-messages';
import { chooseCategory } from '../../store/category-choice';
import './index.css';

type Tab = 'claim' | 'mine';
type Group = 'usable' | 'used' | 'expired';

type Loaded<T> = { status: 'loading' } | { status: 'error'; code: string } | { status: 'ready'; data: T };

const GROUPS: { key: Group; title: string }[] = [
  { key: 'usable', title: '可使用' },
  { key: 'used', title: '已使用' },
  { key: 'expired', title: '已过期' },
];

function groupOf(coupon: UserCoupon): Group {
  if (coupon.state === 'USED') return 'used';
  if (coupon.state === 'EXPIRED') return 'expired';
  // LOCKED is held by an unpaid order and comes back if that order is cancelled: still the buyer's to use.
  return 'usable';
}

function sorted(coupons: UserCoupon[], group: Group): UserCoupon[] {
  const list = coupons.filter((c) => groupOf(c) === group);
  // Usable: the one about to expire first; history: the latest first.
  return group === 'usable'
    ? list.sort((a, b) => a.validTo - b.validTo)
    : list.sort((a, b) => (b.usedAt ?? b.validTo) - (a.usedAt ?? a.validTo));
}

/** 去使用: a coupon limited to categories opens 分类 on the first of them; one for every product opens 首页. */
function shopWithCoupon(categoryIds: string[] | undefined): void {
  const first = categoryIds?.[0];
  if (first === undefined) {
    void Taro.switchTab({ url: '/pages/index/index' });
    return;
  }
  chooseCategory(first);
  void Taro.switchTab({ url: '/pages/category/index' });
}

export default function CouponsPage() {
  const { params } = useRouter();
  const [tab, setTab] = useState<Tab>(params.tab === 'claim' ? 'claim' : 'mine');
  const [group, setGroup] = useState<Group>('usable');
  const [claimable, setClaimable] = useState<Loaded<ClaimableCoupon[]>>({ status: 'loading' });
  const [mine, setMine] = useState<Loaded<UserCoupon[]>>({ status: 'loading' });
  const [claiming, setClaiming] = useState<string>();
  const claimingRef = useRef(false);

  const loadClaimable = useCallback(async (quiet = false) => {
    if (!quiet) setClaimable({ status: 'loading' });
    const answer = await fetchClaimableCoupons();
    if (answer.ok) setClaimable({ status: 'ready', data: answer.data });
    else if (!quiet) setClaimable({ status: 'error', code: answer.code });
  }, []);

  const loadMine = useCallback(async (quiet = false) => {
    if (!quiet) setMine({ status: 'loading' });
    const answer = await fetchMyCoupons();
    if (answer.ok) setMine({ status: 'ready', data: answer.data });
    else if (!quiet) setMine({ status: 'error', code: answer.code });
  }, []);

  useEffect(() => {
    if (tab === 'claim') void loadClaimable();
    else void loadMine();
  }, [tab, loadClaimable, loadMine]);

  const claim = async (coupon: ClaimableCoupon) => {
    if (!coupon.claimable || claimingRef.current) return;
    claimingRef.current = true;
    setClaiming(coupon.template._id);
    const answer = await claimCoupon(coupon.template._id);
    claimingRef.current = false;
    setClaiming(undefined);
    if (answer.ok) void Taro.showToast({ title: '领取成功', icon: 'success' });
    else toast(errorMessage(answer.code));
    void loadClaimable(true);
  };

  const renderClaimable = (coupons: ClaimableCoupon[]) =>
    coupons.length === 0 ? (
      <EmptyState icon="coupon" title="暂时没有可领的优惠券" hint="过几天再来看看吧" />
    ) : (
      coupons.map((coupon) => {
        const { template } = coupon;
        const busy = claiming === template._id;
        return (
          <CouponTicket
            key={template._id}
            id={`coupon-template-${template._id}`}
            face={faceText(template.rule)}
            condition={conditionText(template.rule)}
            title={template.title}
            scope={template.description || scopeText(template.categoryIds)}
            window={templateWindowText(template)}
            muted={!coupon.claimable}
            side={
              <View
                id={`coupon-claim-${template._id}`}
                className={`coupon-button ${coupon.claimable && !busy ? '' : 'coupon-button--off'}`}
                onClick={() => void claim(coupon)}
              >
                {busy ? '领取中' : claimButtonText(coupon)}
              </View>
            }
          />
        );
      })
    );

  const renderMine = (coupons: UserCoupon[]) => {
    const shown = sorted(coupons, group);
    return (
      <View>
        <View className="coupons__groups" id="coupon-groups">
          {GROUPS.map((g) => (
            <Text
              key={g.key}
              id={`coupon-group-${g.key}`}
              className={`coupons__group ${g.key === group ? 'coupons__group--active' : ''}`}
              onClick={() => setGroup(g.key)}
            >
              {g.title}({coupons.filter((c) => groupOf(c) === g.key).length})
            </Text>
          ))}
        </View>
        {shown.length === 0 ? (
          <EmptyState
            icon="coupon"
            title={
              group === 'usable'
                ? '暂无可用的优惠券'
                : `没有${GROUPS.find((g) => g.key === group)?.title}的优惠券`
            }
            hint={group === 'usable' ? '去领券中心看看吧' : undefined}
            actionText={group === 'usable' ? '去领券' : undefined}
            onAction={() => setTab('claim')}
          />
        ) : null}
        {shown.map((coupon) => (
          <CouponTicket
            key={coupon._id}
            id={`coupon-${coupon._id}`}
            face={faceText(coupon.rule)}
            condition={conditionText(coupon.rule)}
            title={coupon.title}
            scope={scopeText(coupon.categoryIds)}
            window={windowText(coupon)}
            muted={group !== 'usable'}
            note={coupon.state === 'LOCKED' ? '已用于待付款订单，取消订单后退回' : undefined}
            side={
              group === 'usable' ? (
                coupon.state === 'LOCKED' ? (
                  <Text className="coupon-stamp">占用中</Text>
                ) : (
                  <View
                    className="coupon-button"
                    id={`coupon-use-${coupon._id}`}
                    onClick={() => shopWithCoupon(coupon.categoryIds)}
                  >
                    去使用
                  </View>
                )
              ) : (
                <Text className="coupon-stamp">{group === 'used' ? '已使用' : '已过期'}</Text>
              )
            }
          />
        ))}
      </View>
    );
  };

  const current = tab === 'claim' ? claimable : mine;
  return (
    <View className="coupons">
      <View className="coupons__tabs">
        <Text
          id="coupon-tab-claim"
          className={`coupons__tab ${tab === 'claim' ? 'coupons__tab--active' : ''}`}
          onClick={() => setTab('claim')}
        >
          领券中心
        </Text>
        <Text
          id="coupon-tab-mine"
          className={`coupons__tab ${tab === 'mine' ? 'coupons__tab--active' : ''}`}
          onClick={() => setTab('mine')}
        >
          我的优惠券
        </Text>
      </View>
      {current.status === 'loading' ? <Skeleton kind="list" /> : null}
      {current.status === 'error' ? (
        <ErrorState
          code={current.code}
          onRetry={() => void (tab === 'claim' ? loadClaimable() : loadMine())}
        />
      ) : null}
      {tab === 'claim' && claimable.status === 'ready' ? renderClaimable(claimable.data) : null}
      {tab === 'mine' && mine.status === 'ready' ? renderMine(mine.data) : null}
    </View>
  );
}
