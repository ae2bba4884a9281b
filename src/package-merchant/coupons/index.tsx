/**
 * 优惠券: the shop's coupon templates with how many were claimed and used, 暂停 / 恢复 claiming, a form for
 * a new template (amount or 折, threshold, total and per-buyer limits, days usable after claiming, 新人专享), and
 * 编辑 of what may change once buyers hold coupons (title, limits, validity: coupons.update).
 */
import { useCallback, useEffect, useState } from 'react';
import { Input, Picker, Switch, View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MerchantCouponTemplate } from '@shop/types';
import { conditionText, faceText, scopeText } from '../../components/coupon/coupon-text';
import { errorMessage } from '../../services/error-messages';
import {
  couponTemplates,
  createCouponTemplate,
  setCouponActive,
  updateCouponTemplate,
} from '../../services/merchant';
import { couponUpdateOf, editDraftOf, type CouponEditDraft } from '../components/coupon-edit';
import { couponInputOf, emptyCouponDraft, type CouponDraft } from '../components/coupon-form';
import '../components/workspace.css';
import './index.css';

function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none' });
}

function validityText(template: MerchantCouponTemplate): string {
  const validity = template.validity;
  if (validity.kind === 'DAYS_AFTER_CLAIM') return `领取后 ${validity.days} 天内有效`;
  const day = (at: number) => new Date(at).toLocaleDateString('zh-CN');
  return `${day(validity.from)} - ${day(validity.to)}`;
}

export default function MerchantCouponsPage() {
  const [items, setItems] = useState<MerchantCouponTemplate[]>();
  const [failure, setFailure] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState<CouponDraft>(emptyCouponDraft);
  const [busy, setBusy] = useState(false);
  /** The template being edited and the form's values. */
  const [editing, setEditing] = useState<{ template: MerchantCouponTemplate; draft: CouponEditDraft }>();

  const load = useCallback(async () => {
    const answer = await couponTemplates();
    if (!answer.ok) return setFailure(answer.code);
    setFailure(undefined);
    setItems(answer.data.items);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const change = (patch: Partial<CouponDraft>) => setDraft((current) => ({ ...current, ...patch }));

  const create = async () => {
    const checked = couponInputOf(draft);
    if (!checked.ok) return toast(checked.problem);
    if (busy) return;
    setBusy(true);
    const answer = await createCouponTemplate(checked.input);
    setBusy(false);
    if (!answer.ok) return toast(errorMessage(answer.code));
    toast('优惠券已创建');
    setCreating(false);
    setDraft(emptyCouponDraft());
    void load();
  };

  const saveEdit = async () => {
    if (!editing || busy) return;
    const checked = couponUpdateOf(editing.template, editing.draft);
    if (!checked.ok) return toast(checked.problem);
    if (!checked.update) return setEditing(undefined);
    setBusy(true);
    const answer = await updateCouponTemplate(checked.update);
    setBusy(false);
    // COUPON_LIMIT here: buyers claimed more meanwhile than the new total allows.
    if (!answer.ok)
      return toast(answer.code === 'COUPON_LIMIT' ? '发放总量不能少于已领数量' : errorMessage(answer.code));
    toast('已保存');
    setEditing(undefined);
    setItems((current) => current?.map((t) => (t._id === answer.data._id ? answer.data : t)));
  };
  const changeEdit = (patch: Partial<CouponEditDraft>) =>
    setEditing((current) => current && { ...current, draft: { ...current.draft, ...patch } });

  const toggle = async (template: MerchantCouponTemplate) => {
    const answer = await setCouponActive(template._id, !template.active);
    if (!answer.ok) return toast(errorMessage(answer.code));
    toast(answer.data.active ? '已恢复领取' : '已暂停领取');
    setItems((current) => current?.map((t) => (t._id === template._id ? answer.data : t)));
  };

  return (
    <View className="ws ws-coupons">
      {failure && !items ? (
        <View className="ws-empty" onClick={() => void load()}>
          {errorMessage(failure)}，点此重试
        </View>
      ) : null}
      {!failure && !items ? <View className="ws-empty">加载中…</View> : null}
      {items && items.length === 0 ? <View className="ws-empty">还没有优惠券</View> : null}
      {(items ?? []).map((template) => (
        <View key={template._id} className="ws-card ws-coupon" id={`ws-coupon-${template._id}`}>
          <View className="ws-coupon__face">
            <Text className="ws-coupon__value">{faceText(template.rule)}</Text>
            <Text className="ws-coupon__condition">{conditionText(template.rule)}</Text>
          </View>
          <View className="ws-coupon__main">
            <View className="ws-coupon__title-row">
              <Text className="ws-coupon__title">{template.title}</Text>
              <Text className={`ws-tag ${template.active ? 'ws-tag--green' : 'ws-tag--grey'}`}>
                {template.active ? '领取中' : '已暂停'}
              </Text>
            </View>
            <Text className="ws-muted">
              {scopeText(template.categoryIds)}
              {template.newcomerOnly ? ' · 新人专享' : ''} · {validityText(template)}
            </Text>
            <Text className="ws-coupon__counts" id={`ws-coupon-counts-${template._id}`}>
              已领 {template.claimed}/{template.totalLimit} · 已用 {template.used} · 每人限{' '}
              {template.perUserLimit}
            </Text>
            <View className="ws-actions">
              <View
                className="ws-button ws-button--plain"
                id={`ws-coupon-edit-${template._id}`}
                onClick={() => setEditing({ template, draft: editDraftOf(template) })}
              >
                编辑
              </View>
              <View
                className={`ws-button ${template.active ? 'ws-button--plain' : ''}`}
                id={`ws-coupon-toggle-${template._id}`}
                onClick={() => void toggle(template)}
              >
                {template.active ? '暂停领取' : '恢复领取'}
              </View>
            </View>
          </View>
        </View>
      ))}

      {editing ? (
        <View className="ws-mask" onClick={() => setEditing(undefined)}>
          <View
            className="ws-sheet ws-coupons__form"
            id="ws-coupon-edit-form"
            onClick={(event) => event.stopPropagation()}
          >
            <Text className="ws-card__title">编辑优惠券</Text>
            <Text className="ws-muted ws-coupons__note">
              面额、门槛、适用范围和新人限制创建后不能修改；已领取的券按领取时的规则使用。
            </Text>
            <Input
              className="ws-input ws-coupons__input"
              id="ws-coupon-edit-title"
              maxlength={20}
              placeholder="名称"
              value={editing.draft.title}
              onInput={(event) => changeEdit({ title: event.detail.value })}
            />
            <View className="ws-coupons__pair">
              <Input
                className="ws-input"
                id="ws-coupon-edit-total"
                type="number"
                placeholder={`发放总量（已领 ${editing.template.claimed}）`}
                value={editing.draft.totalLimit}
                onInput={(event) => changeEdit({ totalLimit: event.detail.value })}
              />
              <Input
                className="ws-input"
                id="ws-coupon-edit-per-user"
                type="number"
                placeholder="每人限领"
                value={editing.draft.perUserLimit}
                onInput={(event) => changeEdit({ perUserLimit: event.detail.value })}
              />
              {editing.template.validity.kind === 'DAYS_AFTER_CLAIM' ? (
                <Input
                  className="ws-input"
                  id="ws-coupon-edit-days"
                  type="number"
                  placeholder="有效天数"
                  value={editing.draft.days}
                  onInput={(event) => changeEdit({ days: event.detail.value })}
                />
              ) : null}
            </View>
            {editing.template.validity.kind === 'FIXED' ? (
              <Picker
                mode="date"
                value={editing.draft.lastDay}
                onChange={(event) => changeEdit({ lastDay: String(event.detail.value) })}
              >
                <View className="ws-row" id="ws-coupon-edit-last-day">
                  <Text className="ws-row__label">有效期至</Text>
                  <Text className="ws-row__value">{editing.draft.lastDay}</Text>
                </View>
              </Picker>
            ) : null}
            <View className="ws-actions">
              <View className="ws-button ws-button--plain" onClick={() => setEditing(undefined)}>
                取消
              </View>
              <View
                className={`ws-button ${busy ? 'ws-button--disabled' : ''}`}
                id="ws-coupon-edit-save"
                onClick={() => void saveEdit()}
              >
                保存
              </View>
            </View>
          </View>
        </View>
      ) : null}

      {creating ? (
        <View className="ws-mask" onClick={() => setCreating(false)}>
          <View className="ws-sheet ws-coupons__form" onClick={(event) => event.stopPropagation()}>
            <Text className="ws-card__title">新建优惠券</Text>
            <Input
              className="ws-input ws-coupons__input"
              id="ws-coupon-title"
              maxlength={20}
              placeholder="名称，如 满99减10"
              value={draft.title}
              onInput={(event) => change({ title: event.detail.value })}
            />
            <View className="ws-coupons__kinds">
              {(['AMOUNT_OFF', 'PERCENT_OFF'] as const).map((kind) => (
                <View
                  key={kind}
                  id={`ws-coupon-kind-${kind}`}
                  className={`ws-coupons__kind ${draft.kind === kind ? 'ws-coupons__kind--chosen' : ''}`}
                  onClick={() => change({ kind })}
                >
                  {kind === 'AMOUNT_OFF' ? '满减券' : '折扣券'}
                </View>
              ))}
            </View>
            <View className="ws-coupons__pair">
              <Input
                className="ws-input"
                id="ws-coupon-threshold"
                type="digit"
                placeholder="门槛（元），不填为无门槛"
                value={draft.threshold}
                onInput={(event) => change({ threshold: event.detail.value })}
              />
              {draft.kind === 'AMOUNT_OFF' ? (
                <Input
                  className="ws-input"
                  id="ws-coupon-amount"
                  type="digit"
                  placeholder="减（元）"
                  value={draft.amount}
                  onInput={(event) => change({ amount: event.detail.value })}
                />
              ) : (
                <Input
                  className="ws-input"
                  id="ws-coupon-discount"
                  type="digit"
                  placeholder="折扣，如 8.5"
                  value={draft.discount}
                  onInput={(event) => change({ discount: event.detail.value })}
                />
              )}
            </View>
            <View className="ws-coupons__pair">
              <Input
                className="ws-input"
                id="ws-coupon-total"
                type="number"
                placeholder="发放总量"
                value={draft.totalLimit}
                onInput={(event) => change({ totalLimit: event.detail.value })}
              />
              <Input
                className="ws-input"
                id="ws-coupon-per-user"
                type="number"
                placeholder="每人限领"
                value={draft.perUserLimit}
                onInput={(event) => change({ perUserLimit: event.detail.value })}
              />
              <Input
                className="ws-input"
                id="ws-coupon-days"
                type="number"
                placeholder="有效天数"
                value={draft.days}
                onInput={(event) => change({ days: event.detail.value })}
              />
            </View>
            <View className="ws-coupons__switch">
              <Text>仅限新人领取</Text>
              <Switch
                checked={draft.newcomerOnly}
                color="#2f6fed"
                onChange={(event) => change({ newcomerOnly: event.detail.value })}
              />
            </View>
            <View className="ws-actions">
              <View className="ws-button ws-button--plain" onClick={() => setCreating(false)}>
                取消
              </View>
              <View className="ws-button" id="ws-coupon-create" onClick={() => void create()}>
                创建
              </View>
            </View>
          </View>
        </View>
      ) : null}

      <View className="ws-bar">
        <View className="ws-button" id="ws-coupon-new" onClick={() => setCreating(true)}>
          新建优惠券
        </View>
      </View>
    </View>
  );
}
