/**
 * 导出订单: the orders created in a range of China days (at most 31) as a CSV file in cloud storage, and its
 * download link (valid for an hour): copied to paste into a computer's browser, or opened at once in H5.
 */
import { useState } from 'react';
import { Picker, View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { OrderExport } from '@shop/types';
import { DAY_MS, dayStart, shopDayOf } from '@shop/domain/shop-day';
import { errorMessage } from '../../services/error-messages';
import { exportOrders } from '../../services/merchant';
import { timeText } from '../components/merchant-text';
import '../components/workspace.css';
import './index.css';

/** orders.export's limit on a range. */
const MAX_DAYS = 31;

function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none' });
}

/** Whether the range is one the server takes; the reason otherwise. */
function rangeProblem(from: string, to: string): string | undefined {
  const days = (dayStart(to) - dayStart(from)) / DAY_MS + 1;
  if (days < 1) return '开始日期不能晚于结束日期';
  if (days > MAX_DAYS) return `一次最多导出 ${MAX_DAYS} 天`;
  return undefined;
}

export default function ExportOrdersPage() {
  const today = shopDayOf(Date.now());
  const [from, setFrom] = useState(shopDayOf(Date.now() - 6 * DAY_MS));
  const [to, setTo] = useState(today);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<OrderExport>();

  const run = async () => {
    if (busy) return;
    const problem = rangeProblem(from, to);
    if (problem) return toast(problem);
    setBusy(true);
    setDone(undefined);
    const answer = await exportOrders(from, to);
    setBusy(false);
    if (!answer.ok) return toast(errorMessage(answer.code));
    setDone(answer.data);
  };

  const copy = (url: string) =>
    void Taro.setClipboardData({ data: url }).then(() => {
      if (process.env.TARO_ENV === 'h5') toast('下载链接已复制');
    });

  return (
    <View className="ws ws-export" id="ws-export">
      <View className="ws-card">
        <View className="ws-card__head">
          <Text className="ws-card__title">下单日期</Text>
          <Text className="ws-muted">最多 {MAX_DAYS} 天</Text>
        </View>
        <Picker
          mode="date"
          value={from}
          end={today}
          onChange={(event) => setFrom(String(event.detail.value))}
        >
          <View className="ws-row ws-export__pick" id="ws-export-from">
            <Text className="ws-row__label">开始日期</Text>
            <Text className="ws-row__value">{from}</Text>
          </View>
        </Picker>
        <Picker mode="date" value={to} end={today} onChange={(event) => setTo(String(event.detail.value))}>
          <View className="ws-row ws-export__pick" id="ws-export-to">
            <Text className="ws-row__label">结束日期</Text>
            <Text className="ws-row__value">{to}</Text>
          </View>
        </Picker>
        <Text className="ws-muted ws-export__hint">
          每笔订单一行：订单号、下单时间、状态、商品、金额、收货人与地址、快递与运单号、买家备注；Excel
          可直接打开。
        </Text>
        <View className="ws-actions">
          <View
            className={`ws-button ${busy ? 'ws-button--disabled' : ''}`}
            id="ws-export-run"
            onClick={() => void run()}
          >
            {busy ? '正在导出…' : '导出 CSV'}
          </View>
        </View>
      </View>

      {done ? (
        <View className="ws-card" id="ws-export-done">
          <View className="ws-card__head">
            <Text className="ws-card__title">导出完成</Text>
            <Text className="ws-tag ws-tag--green" id="ws-export-rows">
              {done.rows} 笔订单
            </Text>
          </View>
          <Text className="ws-muted">生成于 {timeText(done.createdAt)}，下载链接 1 小时内有效</Text>
          <Text className="ws-export__url" id="ws-export-url" userSelect>
            {done.url}
          </Text>
          <View className="ws-actions">
            <View className="ws-button ws-button--plain" id="ws-export-copy" onClick={() => copy(done.url)}>
              复制下载链接
            </View>
            {process.env.TARO_ENV === 'h5' ? (
              <View className="ws-button" id="ws-export-open" onClick={() => window.open(done.url, '_blank')}>
                下载
              </View>
            ) : null}
          </View>
        </View>
      ) : null}
    </View>
  );
}
