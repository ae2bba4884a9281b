/**
 * 新增 / 编辑收货地址 (?id= to edit): 收货人, 手机号, 所在地区, 详细地址, 设为默认. The fields are checked here
 * first so a typo is caught at once; the server checks them again and its refusal is shown in Chinese.
 */
import { useCallback, useEffect, useState } from 'react';
import { View, Text, Input } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { AddressInput } from '@shop/types';
import ErrorState from '../../components/status/error-state';
import Skeleton from '../../components/status/skeleton';
import FormRow from '../../components/address/form-row';
import RegionField from './region-field';
import {
  EMPTY_ADDRESS,
  cleanAddress,
  formOf,
  validateAddress,
  type AddressErrors,
} from '../../components/address/address-form';
import { toast } from '../../components/common/confirm';
import { chooseAddress } from '../../components/address/address-choice';
import { matchRegion } from '@shop/domain/regions';
import { addAddress, fetchAddresses, updateAddress } from '../../services/address';
import { errorMessage } from '../../services/error-messages';
import './index.css';

/** WeChat's telNumber may carry +86, spaces or dashes; the form wants the 11 digits. */
function mobileOf(telNumber: string): string {
  const digits = telNumber.replace(/\D/g, '');
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits.slice(0, 11);
}

type FormState = { status: 'loading' } | { status: 'error'; code: string } | { status: 'ready' };

export default function AddressEditPage() {
  const { params } = useRouter();
  const addressId = params.id;
  const choosing = params.mode === 'choose';
  const [state, setState] = useState<FormState>(addressId ? { status: 'loading' } : { status: 'ready' });
  const [form, setForm] = useState<AddressInput>(EMPTY_ADDRESS);
  const [errors, setErrors] = useState<AddressErrors>({});
  const [saving, setSaving] = useState(false);

  // There is no single-address read: the book is small (≤ 20) and always current.
  const load = useCallback(async (id: string) => {
    setState({ status: 'loading' });
    const answer = await fetchAddresses();
    if (!answer.ok) {
      setState({ status: 'error', code: answer.code });
      return;
    }
    const address = answer.data.find((a) => a._id === id);
    if (!address) {
      setState({ status: 'error', code: 'ADDRESS_NOT_FOUND' });
      return;
    }
    setForm(formOf(address));
    setState({ status: 'ready' });
  }, []);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: addressId ? '编辑收货地址' : '新增收货地址' });
    if (addressId) void load(addressId);
  }, [addressId, load]);

  const edit = (patch: Partial<AddressInput>) => {
    setForm((current) => ({ ...current, ...patch }));
    // A field being fixed stops showing its old error.
    const fixed = Object.keys(patch).map((key) =>
      ['province', 'city', 'district'].includes(key) ? 'region' : key,
    );
    setErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([key]) => !fixed.includes(key))),
    );
  };

  const save = async () => {
    if (saving) return;
    const found = validateAddress(form);
    setErrors(found);
    const first = Object.values(found)[0];
    if (first) {
      toast(first);
      return;
    }
    setSaving(true);
    const input = cleanAddress(form);
    const answer = addressId ? await updateAddress(addressId, input) : await addAddress(input);
    setSaving(false);
    if (!answer.ok) {
      toast(errorMessage(answer.code));
      return;
    }
    await Taro.showToast({ title: '已保存', icon: 'success', duration: 800 });
    if (choosing && !addressId) {
      // Added while choosing for 确认订单: the new address is the one wanted, so checkout gets it at once.
      chooseAddress(answer.data);
      void Taro.navigateBack({ delta: 2 });
      return;
    }
    void Taro.navigateBack();
  };

  // 导入微信地址: WeChat's address book, its names mapped onto the divisions the server checks.
  const importWechat = async () => {
    let picked: Taro.chooseAddress.SuccessCallbackResult;
    try {
      picked = await Taro.chooseAddress();
    } catch {
      return; // The buyer closed WeChat's address book, or refused access: nothing to import.
    }
    const match = matchRegion({
      province: picked.provinceName,
      city: picked.cityName,
      district: picked.countyName,
    });
    const fields = {
      name: picked.userName.trim().slice(0, 20),
      mobile: mobileOf(picked.telNumber),
      detail: picked.detailInfo.trim().slice(0, 100),
    };
    if (!match.ok) {
      edit({ ...fields, province: '', city: '', district: '' });
      toast(`无法识别微信地址中的「${match.name}」，请手动选择所在地区`);
      return;
    }
    const { province, city, district } = match.region;
    edit({ ...fields, province: province.name, city: city.name, district: district.name });
    toast('已导入微信地址，请核对后保存');
  };

  if (state.status === 'loading') return <Skeleton kind="list" />;
  if (state.status === 'error') {
    return <ErrorState code={state.code} onRetry={() => addressId && void load(addressId)} />;
  }

  return (
    <View className="address-edit">
      {process.env.TARO_ENV === 'weapp' ? (
        <View className="card address-edit__import" id="address-import" onClick={() => void importWechat()}>
          <Text className="address-edit__import-title">导入微信地址</Text>
          <Text className="address-edit__import-arrow">›</Text>
        </View>
      ) : null}
      <View className="card address-edit__form" id="address-form">
        <FormRow label="收货人" error={errors.name}>
          <Input
            id="address-name"
            className="form-input"
            placeholderClass="form-placeholder"
            placeholder="请填写收货人姓名"
            maxlength={20}
            value={form.name}
            onInput={(event) => edit({ name: event.detail.value })}
          />
        </FormRow>
        <FormRow label="手机号" error={errors.mobile}>
          <Input
            id="address-mobile"
            className="form-input"
            placeholderClass="form-placeholder"
            placeholder="请填写收货人手机号"
            type="number"
            maxlength={11}
            value={form.mobile}
            onInput={(event) => edit({ mobile: event.detail.value })}
          />
        </FormRow>
        <FormRow label="所在地区" error={errors.region}>
          <RegionField
            value={{ province: form.province, city: form.city, district: form.district }}
            onChange={(region) => edit(region)}
          />
        </FormRow>
        <FormRow label="详细地址" error={errors.detail}>
          <Input
            id="address-detail"
            className="form-input"
            placeholderClass="form-placeholder"
            placeholder="街道、楼牌号等"
            maxlength={100}
            value={form.detail}
            onInput={(event) => edit({ detail: event.detail.value })}
          />
        </FormRow>
      </View>
      <View className="card address-edit__default" onClick={() => edit({ isDefault: !form.isDefault })}>
        <View>
          <Text className="address-edit__default-title">设为默认地址</Text>
          <Text className="address-edit__default-hint">下单时优先使用该地址</Text>
        </View>
        <View
          id="address-default"
          className={`address-edit__toggle ${form.isDefault ? 'address-edit__toggle--on' : ''}`}
        />
      </View>
      <View className="address-edit__actions">
        <View
          id="address-save"
          className={`button-primary address-edit__save ${saving ? 'address-edit__save--busy' : ''}`}
          onClick={() => void save()}
        >
          {saving ? '保存中…' : '保存'}
        </View>
      </View>
    </View>
  );
}
