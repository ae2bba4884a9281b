/** The sheet where staff give the reason for refusing a refund or an after-sales request (the buyer sees it). */
import { Textarea, View, Text } from '@tarojs/components';

interface RejectSheetProps {
  title: string;
  /** Prefix of the reason box's and the confirm button's ids. */
  idPrefix: string;
  reason: string;
  onReason: (reason: string) => void;
  onCancel: () => void;
  onConfirm: () => void;
}

export default function RejectSheet(props: RejectSheetProps) {
  const { title, idPrefix, reason, onReason, onCancel, onConfirm } = props;
  return (
    <View className="ws-mask" onClick={onCancel}>
      <View className="ws-sheet" onClick={(event) => event.stopPropagation()}>
        <Text className="ws-card__title">{title}</Text>
        <Textarea
          className="ws-textarea ws-refunds__reason"
          id={`${idPrefix}-reason`}
          placeholder="请填写拒绝原因（必填，买家可见）"
          maxlength={100}
          value={reason}
          onInput={(event) => onReason(event.detail.value)}
        />
        <View className="ws-actions">
          <View className="ws-button ws-button--plain" onClick={onCancel}>
            取消
          </View>
          <View className="ws-button ws-button--danger" id={`${idPrefix}-reason-confirm`} onClick={onConfirm}>
            确认拒绝
          </View>
        </View>
      </View>
    </View>
  );
}
