/**
 * 申请退款 as a bottom sheet: 仅退款 of the whole amount, a reason chosen from a short list and an optional
 * note. The page sends it; the sheet only collects it.
 */
import { useState } from 'react';
import { View, Text, Textarea } from '@tarojs/components';
import { formatPrice, type OrderSummary } from '@shop/types';
import CheckCircle from '../check-circle';
import BottomSheet from '../common/bottom-sheet';
import { toast } from '../common/confirm';
import { OTHER_REASON, REFUND_NOTE_MAX, refundReasons, refundReasonText } from './refund-text';
import './refund-sheet.css';

export interface RefundSheetProps {
  order: OrderSummary;
  submitting: boolean;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}

export default function RefundSheet({ order, submitting, onSubmit, onClose }: RefundSheetProps) {
  const [reason, setReason] = useState<string>();
  const [note, setNote] = useState('');
  const ready = reason !== undefined && !submitting;

  const submit = () => {
    if (submitting) return;
    if (reason === undefined) {
      toast('请选择退款原因');
      return;
    }
    // 其他 means nothing on its own: the merchant needs the buyer's words.
    if (reason === OTHER_REASON && !note.trim()) {
      toast('请填写退款原因');
      return;
    }
    onSubmit(refundReasonText(reason, note));
  };

  return (
    <BottomSheet
      id="refund-sheet"
      title="申请退款"
      onClose={onClose}
      footer={
        <View
          id="refund-submit"
          className={`button-primary refund-sheet__submit ${ready ? '' : 'refund-sheet__submit--off'}`}
          onClick={submit}
        >
          {submitting ? '提交中…' : '提交申请'}
        </View>
      }
    >
      <View className="refund-sheet__summary">
        <View className="refund-sheet__row">
          <Text className="refund-sheet__label">仅退款 · 退款金额</Text>
          <Text className="refund-sheet__amount" id="refund-amount">
            {formatPrice(order.amounts.payable)}
          </Text>
        </View>
        <Text className="refund-sheet__tip">商家同意后，款项将原路退回你的支付账户</Text>
      </View>

      <Text className="refund-sheet__group">退款原因</Text>
      <View className="refund-sheet__reasons">
        {refundReasons(order.state).map((choice, index) => (
          <View
            key={choice}
            id={`refund-reason-${index}`}
            className="refund-sheet__reason"
            onClick={() => setReason(choice)}
          >
            <Text>{choice}</Text>
            <CheckCircle checked={choice === reason} />
          </View>
        ))}
      </View>

      <Text className="refund-sheet__group">补充说明{reason === OTHER_REASON ? '' : '（选填）'}</Text>
      <View className="refund-sheet__note">
        <View className="refund-sheet__note-box">
          <Textarea
            id="refund-note"
            className="refund-sheet__textarea"
            placeholderClass="refund-sheet__placeholder"
            placeholder={`请描述退款原因，最多 ${REFUND_NOTE_MAX} 字`}
            maxlength={REFUND_NOTE_MAX}
            value={note}
            // The sheet is position: fixed; without this WeChat draws the native textarea in the wrong place.
            fixed
            onInput={(event) => setNote(event.detail.value)}
          />
        </View>
      </View>
    </BottomSheet>
  );
}
