/**
 * 收货地址: the buyer's address book (set default, edit, delete, add). Opened from 确认订单 with ?mode=choose,
 * a tap on an address picks it for the order and goes back.
 */
import { useRef, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { Address, Result } from '@shop/types';
import EmptyState from '../../components/empty-state';
import ErrorState from '../../components/status/error-state';
import Skeleton from '../../components/status/skeleton';
import AddressItem from '../../components/address/address-item';
import { chooseAddress } from '../../components/address/address-choice';
import { confirmAction, toast } from '../../components/common/confirm';
import { errorMessage } from '../../services/error-messages';
import { fetchAddresses, removeAddress, setDefaultAddress } from '../../services/address';
import './index.css';

type BookState =
  { status: 'loading' } | { status: 'error'; code: string } | { status: 'ready'; addresses: Address[] };

function editUrl(addressId?: string, choosing = false): string {
  if (addressId) return `/package-user/address-edit/index?id=${encodeURIComponent(addressId)}`;
  return choosing ? '/package-user/address-edit/index?mode=choose' : '/package-user/address-edit/index';
}

export default function AddressBookPage() {
  const { params } = useRouter();
  const choosing = params.mode === 'choose';
  const [state, setState] = useState<BookState>({ status: 'loading' });
  const [busy, setBusy] = useState(false);
  const loadedOnce = useRef(false);

  const load = async (quiet: boolean) => {
    if (!quiet) setState({ status: 'loading' });
    const answer = await fetchAddresses();
    if (answer.ok) setState({ status: 'ready', addresses: answer.data });
    else if (!quiet) setState({ status: 'error', code: answer.code });
    else toast(errorMessage(answer.code));
  };

  // The form saves on its own page: read the book again whenever it shows.
  useDidShow(() => {
    if (choosing) void Taro.setNavigationBarTitle({ title: '选择收货地址' });
    void load(loadedOnce.current);
    loadedOnce.current = true;
  });

  const change = async (run: () => Promise<Result<Address[]>>) => {
    if (busy) return;
    setBusy(true);
    const answer = await run();
    setBusy(false);
    if (answer.ok) setState({ status: 'ready', addresses: answer.data });
    else {
      toast(errorMessage(answer.code));
      void load(true);
    }
  };

  const remove = async (address: Address) => {
    if (!(await confirmAction(`确定删除${address.name}的这个地址吗？`, '删除'))) return;
    await change(() => removeAddress(address._id));
  };

  const pick = (address: Address) => {
    chooseAddress(address);
    void Taro.navigateBack();
  };

  const addresses = state.status === 'ready' ? state.addresses : [];
  return (
    <View className="address-book">
      {state.status === 'loading' ? <Skeleton kind="list" /> : null}
      {state.status === 'error' ? <ErrorState code={state.code} onRetry={() => void load(false)} /> : null}
      {state.status === 'ready' && addresses.length === 0 ? (
        <EmptyState icon="address" title="还没有收货地址" hint="添加地址后下单更方便" />
      ) : null}
      {addresses.length > 0 ? (
        <View id="address-list">
          {choosing ? <Text className="address-book__hint">点击地址即可选用</Text> : null}
          {addresses.map((address) => (
            <AddressItem
              key={address._id}
              address={address}
              choosing={choosing}
              selected={choosing && address._id === params.selectedId}
              busy={busy}
              onChoose={() => pick(address)}
              onMakeDefault={() => void change(() => setDefaultAddress(address._id))}
              onEdit={() => Taro.navigateTo({ url: editUrl(address._id) })}
              onRemove={() => void remove(address)}
            />
          ))}
        </View>
      ) : null}
      <View className="address-book__bar">
        <View
          className="button-primary address-book__add"
          id="address-add"
          onClick={() => Taro.navigateTo({ url: editUrl(undefined, choosing) })}
        >
          新增收货地址
        </View>
      </View>
    </View>
  );
}
