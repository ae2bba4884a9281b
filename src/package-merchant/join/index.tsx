/**
 * 加入店铺: the invitee's side of an invitation. A share card opens it with the code filled in; otherwise the
 * invitee types the code. Joining binds this WeChat user to the role the owner chose, once.
 */
import { useState } from 'react';
import { Input, View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { errorMessage } from '../../services/error-messages';
import { joinStaff } from '../../services/merchant';
import { forgetStaffRole } from '../../services/staff';
import { ROLE_HINT, ROLE_TEXT } from '../components/merchant-text';
import '../components/workspace.css';
import './index.css';

export default function JoinPage() {
  const { params } = useRouter();
  const [code, setCode] = useState(params.code ?? '');
  const [busy, setBusy] = useState(false);

  const join = async () => {
    const text = code.trim();
    if (!text) return void Taro.showToast({ title: '请输入邀请码', icon: 'none' });
    if (busy) return;
    setBusy(true);
    const answer = await joinStaff(text);
    setBusy(false);
    if (!answer.ok) return void Taro.showToast({ title: errorMessage(answer.code), icon: 'none' });
    forgetStaffRole();
    await Taro.showModal({
      title: '已加入店铺',
      content: `你的角色是${ROLE_TEXT[answer.data.role]}：${ROLE_HINT[answer.data.role]}`,
      showCancel: false,
      confirmColor: '#2f6fed',
    }).catch(() => undefined);
    void Taro.redirectTo({ url: '/package-merchant/home/index' });
  };

  return (
    <View className="ws ws-join">
      <View className="ws-card">
        <Text className="ws-card__title">加入店铺</Text>
        <Text className="ws-join__hint">
          输入店主发给你的邀请码，加入后可在「我的 › 商家工作台」处理店铺事务。
        </Text>
        <Input
          className="ws-input ws-join__code"
          id="ws-join-code"
          placeholder="10 位邀请码"
          maxlength={40}
          value={code}
          onInput={(event) => setCode(event.detail.value)}
        />
        <View
          className={`ws-button ws-join__submit ${busy ? 'ws-button--disabled' : ''}`}
          id="ws-join-submit"
          onClick={() => void join()}
        >
          加入店铺
        </View>
      </View>
    </View>
  );
}
