/** 操作日志 (owner only): every change staff made, newest first: who, when, what, and the fields before → after. */
import { useCallback, useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import type { AuditEntry, AuditPage } from '@shop/types';
import { errorMessage } from '../../services/error-messages';
import { auditLog } from '../../services/merchant';
import { ROLE_TEXT, actionText, shortOpenid, timeText } from '../components/merchant-text';
import '../components/workspace.css';
import './index.css';

const TARGET_TEXT: Record<AuditEntry['target']['kind'], string> = {
  order: '订单',
  staff: '店员',
  invitation: '邀请',
  payment: '支付通知',
  product: '商品',
  sku: '规格',
  category: '分类',
  settings: '店铺设置',
  coupon: '优惠券',
  afterSale: '售后申请',
};

function valueText(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Only the fields that changed, each on its own line. */
function changes(entry: AuditEntry): { field: string; before: string; after: string }[] {
  const fields = new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})]);
  return [...fields]
    .map((field) => ({
      field,
      before: valueText(entry.before?.[field]),
      after: valueText(entry.after?.[field]),
    }))
    .filter((change) => change.before !== change.after);
}

export default function AuditLogPage() {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<AuditPage['next']>();
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading');
  const [failure, setFailure] = useState<string>();

  const load = useCallback(async (before?: AuditPage['next']) => {
    const answer = await auditLog(before);
    if (!answer.ok) {
      setFailure(answer.code);
      if (!before) setStatus('error');
      else void Taro.showToast({ title: errorMessage(answer.code), icon: 'none' });
      return;
    }
    setEntries((current) => (before ? [...current, ...answer.data.items] : answer.data.items));
    setNext(answer.data.next);
    setStatus('ready');
  }, []);

  useEffect(() => {
    void load();
  }, [load]);
  useReachBottom(() => {
    if (next) void load(next);
  });

  return (
    <View className="ws ws-audit">
      {status === 'loading' ? <View className="ws-empty">加载中…</View> : null}
      {status === 'error' ? (
        <View className="ws-empty" onClick={() => void load()}>
          {errorMessage(failure ?? 'INTERNAL')}，点此重试
        </View>
      ) : null}
      {status === 'ready' && entries.length === 0 ? <View className="ws-empty">还没有操作记录</View> : null}
      {entries.map((entry) => (
        <View key={entry._id} className="ws-card ws-audit__entry">
          <View className="ws-card__head">
            <Text className="ws-audit__action">{actionText(entry.action)}</Text>
            <Text className="ws-muted">{timeText(entry.at)}</Text>
          </View>
          <Text className="ws-muted">
            {ROLE_TEXT[entry.actorRole]} {shortOpenid(entry.actor)} · {TARGET_TEXT[entry.target.kind]}{' '}
            {entry.target.id}
          </Text>
          {changes(entry).map((change) => (
            <View key={change.field} className="ws-audit__change">
              <Text className="ws-audit__field">{change.field}</Text>
              <Text className="ws-audit__values">
                {change.before} → {change.after}
              </Text>
            </View>
          ))}
        </View>
      ))}
      {next ? (
        <View className="ws-more" onClick={() => void load(next)}>
          加载更多
        </View>
      ) : null}
    </View>
  );
}
