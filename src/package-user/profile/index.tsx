/**
 * 个人资料: the buyer's avatar and nickname through WeChat's fill-in (a chooseAvatar button and a nickname
 * input, since WeChat no longer hands either out silently). The avatar is uploaded to this shop's cloud storage
 * under avatars/ and saved with the nickname by profile.update. The H5 build picks a picture file instead.
 */
import { useState } from 'react';
import { View, Text, Image, Input, Button } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { NICKNAME_MAX_LENGTH } from '@shop/types';
import { fetchProfile, saveProfile } from '../../services/profile';
import { uploadToCloud } from '../../services/storage';
import { imageUrl } from '../../services/image-url';
import { avatarCloudPath } from './avatar-path';
import './index.css';

export default function ProfilePage() {
  const [nickname, setNickname] = useState('');
  /** The saved avatar (a cloud:// file ID). */
  const [savedAvatar, setSavedAvatar] = useState<string | undefined>();
  /** A picture chosen but not uploaded yet (a temporary path). */
  const [chosenAvatar, setChosenAvatar] = useState<string | undefined>();
  const [loaded, setLoaded] = useState(false);
  const [saving, setSaving] = useState(false);

  useLoad(() => {
    void fetchProfile().then((answer) => {
      if (answer.ok) {
        // A slow answer must not wipe what the buyer already typed while it was on its way.
        setNickname((typed) => typed || answer.data.nickname);
        setSavedAvatar(answer.data.avatar);
      }
      setLoaded(true);
    });
  });

  async function pickInH5(): Promise<void> {
    const chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'] }).catch(() => undefined);
    const path = chosen?.tempFilePaths[0];
    if (path) setChosenAvatar(path);
  }

  async function save(): Promise<void> {
    const name = nickname.trim();
    if (!name) {
      void Taro.showToast({ title: '请填写昵称', icon: 'none' });
      return;
    }
    if ([...name].length > NICKNAME_MAX_LENGTH) {
      void Taro.showToast({ title: `昵称最多 ${NICKNAME_MAX_LENGTH} 个字`, icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      let avatar = savedAvatar;
      if (chosenAvatar) {
        const uploaded = await uploadToCloud(
          chosenAvatar,
          avatarCloudPath(chosenAvatar, Date.now(), Math.random()),
        );
        if (!uploaded.ok) {
          void Taro.showToast({ title: '头像上传失败，请重试', icon: 'none' });
          return;
        }
        avatar = uploaded.fileID;
      }
      const answer = await saveProfile({ nickname: name, avatar });
      if (!answer.ok) {
        void Taro.showToast({ title: answer.message || '保存失败，请重试', icon: 'none' });
        return;
      }
      setSavedAvatar(answer.data.avatar);
      setChosenAvatar(undefined);
      setNickname(answer.data.nickname);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      setTimeout(() => void Taro.navigateBack(), 600);
    } finally {
      setSaving(false);
    }
  }

  const shown = chosenAvatar ?? (savedAvatar ? imageUrl(savedAvatar) : undefined);
  const avatarBox = shown ? (
    <Image className="profile__avatar-image" id="profile-avatar-image" src={shown} mode="aspectFill" />
  ) : (
    <View className="profile__avatar-empty">
      <Text>点击选择</Text>
    </View>
  );

  return (
    <View className="profile">
      <View className="card profile__form">
        <View className="profile__row">
          <Text className="profile__label">头像</Text>
          {process.env.TARO_ENV === 'h5' ? (
            <View className="profile__avatar" id="profile-avatar" onClick={() => void pickInH5()}>
              {avatarBox}
            </View>
          ) : (
            <Button
              className="profile__avatar"
              id="profile-avatar"
              openType="chooseAvatar"
              onChooseAvatar={(event) => setChosenAvatar(event.detail.avatarUrl)}
            >
              {avatarBox}
            </Button>
          )}
        </View>
        <View className="profile__row">
          <Text className="profile__label">昵称</Text>
          <Input
            className="profile__nickname"
            id="profile-nickname"
            type="nickname"
            placeholder="请输入昵称"
            maxlength={NICKNAME_MAX_LENGTH}
            value={nickname}
            onInput={(event) => setNickname(event.detail.value)}
            onBlur={(event) => setNickname(event.detail.value)}
          />
        </View>
      </View>
      <Text className="profile__hint">头像和昵称仅用于在本店展示</Text>
      <View
        className={`profile__save${saving || !loaded ? ' profile__save--busy' : ''}`}
        id="profile-save"
        onClick={() => {
          if (!saving && loaded) void save();
        }}
      >
        {saving ? '保存中…' : '保存'}
      </View>
    </View>
  );
}
