/**
 * 店员 (owner only): the staff with their roles, open invitations, and inviting someone: the owner names them
 * and picks a role, then sends the one-time code (a share card in WeChat opens the join page with it).
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, Input, View, Text } from '@tarojs/components';
import Taro, { useShareAppMessage } from '@tarojs/taro';
import {
  INVITABLE_ROLES,
  type InvitableRole,
  type StaffInvitationView,
  type StaffListResponse,
  type StaffMember,
} from '@shop/types';
import { errorMessage } from '../../services/error-messages';
import { inviteStaff, removeStaff, revokeInvitation, setStaffRole, staffList } from '../../services/merchant';
import { ROLE_HINT, ROLE_TEXT, shortOpenid, timeText } from '../components/merchant-text';
import '../components/workspace.css';
import './index.css';

function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none' });
}

async function confirm(title: string, content: string): Promise<boolean> {
  const answer = await Taro.showModal({ title, content, confirmColor: '#e5484d' }).catch(() => ({
    confirm: false,
  }));
  return answer.confirm;
}

export default function StaffPage() {
  const [list, setList] = useState<StaffListResponse>();
  const [failure, setFailure] = useState<string>();
  const [name, setName] = useState('');
  const [role, setRole] = useState<InvitableRole>('operator');
  const [created, setCreated] = useState<StaffInvitationView>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const answer = await staffList();
    if (!answer.ok) return setFailure(answer.code);
    setFailure(undefined);
    setList(answer.data);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  useShareAppMessage(() => ({
    title: created ? `邀请你加入店铺，成为${ROLE_TEXT[created.role]}` : '加入店铺',
    path: created ? `/package-merchant/join/index?code=${created.code}` : '/pages/index/index',
  }));

  const invite = async () => {
    const who = name.trim();
    if (!who) return toast('请填写店员称呼');
    if (busy) return;
    setBusy(true);
    const answer = await inviteStaff(role, who);
    setBusy(false);
    if (!answer.ok) return toast(errorMessage(answer.code));
    setCreated(answer.data);
    setName('');
    void load();
  };

  const changeRole = async (member: StaffMember) => {
    const next: InvitableRole = member.role === 'operator' ? 'service' : 'operator';
    if (!(await confirm('修改角色', `将「${member.name}」改为${ROLE_TEXT[next]}（${ROLE_HINT[next]}）？`)))
      return;
    const answer = await setStaffRole(member._id, next);
    toast(answer.ok ? '角色已修改' : errorMessage(answer.code));
    void load();
  };

  const remove = async (member: StaffMember) => {
    if (!(await confirm('移除店员', `移除后「${member.name}」将无法进入商家工作台，确定吗？`))) return;
    const answer = await removeStaff(member._id);
    toast(answer.ok ? '已移除' : errorMessage(answer.code));
    void load();
  };

  const revoke = async (invitation: StaffInvitationView) => {
    if (!(await confirm('撤销邀请', `撤销给「${invitation.name}」的邀请码？`))) return;
    const answer = await revokeInvitation(invitation.code);
    toast(answer.ok ? '邀请已撤销' : errorMessage(answer.code));
    if (created?.code === invitation.code) setCreated(undefined);
    void load();
  };

  const copyCode = (code: string) => {
    void Taro.setClipboardData({ data: code }).then(() => {
      if (process.env.TARO_ENV === 'h5') toast('邀请码已复制');
    });
  };

  return (
    <View className="ws ws-staff">
      <View className="ws-card" id="ws-invite">
        <View className="ws-card__head">
          <Text className="ws-card__title">邀请店员</Text>
          <Text className="ws-muted">邀请码一次有效</Text>
        </View>
        <Input
          className="ws-input"
          id="ws-invite-name"
          placeholder="店员称呼，如：小王（客服）"
          maxlength={20}
          value={name}
          onInput={(event) => setName(event.detail.value)}
        />
        <View className="ws-staff__roles">
          {INVITABLE_ROLES.map((choice) => (
            <View
              key={choice}
              id={`ws-invite-role-${choice}`}
              className={`ws-staff__role ${choice === role ? 'ws-staff__role--chosen' : ''}`}
              onClick={() => setRole(choice)}
            >
              <Text className="ws-staff__role-name">{ROLE_TEXT[choice]}</Text>
              <Text className="ws-muted">{ROLE_HINT[choice]}</Text>
            </View>
          ))}
        </View>
        <View className="ws-actions">
          <View
            className={`ws-button ${busy ? 'ws-button--disabled' : ''}`}
            id="ws-invite-create"
            onClick={() => void invite()}
          >
            生成邀请码
          </View>
        </View>
        {created ? (
          <View className="ws-staff__code-card" id="ws-invite-card">
            <Text className="ws-muted">
              给「{created.name}」的{ROLE_TEXT[created.role]}邀请码（{timeText(created.expiresAt)} 前有效）
            </Text>
            <Text className="ws-staff__code" id="ws-invite-code" userSelect>
              {created.code}
            </Text>
            <View className="ws-actions">
              <View className="ws-button ws-button--plain" onClick={() => copyCode(created.code)}>
                复制邀请码
              </View>
              {process.env.TARO_ENV === 'weapp' ? (
                <Button className="ws-button ws-staff__share" openType="share">
                  发送邀请卡片
                </Button>
              ) : null}
            </View>
          </View>
        ) : null}
      </View>

      {failure && !list ? (
        <View className="ws-empty" onClick={() => void load()}>
          {errorMessage(failure)}，点此重试
        </View>
      ) : null}

      {list ? (
        <View className="ws-card" id="ws-staff-list">
          <View className="ws-card__head">
            <Text className="ws-card__title">店员（{list.staff.length}）</Text>
          </View>
          {list.staff.map((member) => (
            <View key={member._id} className="ws-staff__member" id={`ws-staff-${member._id}`}>
              <View className="ws-staff__who">
                <Text className="ws-staff__name">{member.name}</Text>
                <Text className="ws-muted">
                  {shortOpenid(member._id)} · {timeText(member.joinedAt)} 加入
                </Text>
              </View>
              <Text className={`ws-tag ${member.role === 'owner' ? 'ws-tag--orange' : ''}`}>
                {ROLE_TEXT[member.role]}
              </Text>
              {member.role !== 'owner' ? (
                <View className="ws-staff__ops">
                  <Text className="ws-staff__op" onClick={() => void changeRole(member)}>
                    改角色
                  </Text>
                  <Text className="ws-staff__op ws-staff__op--danger" onClick={() => void remove(member)}>
                    移除
                  </Text>
                </View>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}

      {list && list.invitations.length > 0 ? (
        <View className="ws-card" id="ws-invitations">
          <View className="ws-card__head">
            <Text className="ws-card__title">待接受的邀请</Text>
          </View>
          {list.invitations.map((invitation) => (
            <View key={invitation.code} className="ws-staff__member">
              <View className="ws-staff__who">
                <Text className="ws-staff__name">
                  {invitation.name} · {ROLE_TEXT[invitation.role]}
                </Text>
                <Text className="ws-muted">
                  {invitation.code} · {timeText(invitation.expiresAt)} 前有效
                </Text>
              </View>
              <Text className="ws-staff__op ws-staff__op--danger" onClick={() => void revoke(invitation)}>
                撤销
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
