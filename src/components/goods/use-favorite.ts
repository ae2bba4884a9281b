/**
 * 收藏 on 商品详情: right after the first screen the opening is recorded (浏览记录) and answers whether the
 * product is a favorite; tapping then adds or removes it, shown at once and put back if the call fails.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { addFavorite, recordOpening, removeFavorite } from '../../services/buyer-lists';
import { errorMessage } from '../../services/error-messages';

export function useFavorite(productId: string, ready: boolean) {
  const [favorited, setFavorited] = useState(false);
  const [busy, setBusy] = useState(false);
  const recorded = useRef('');

  useEffect(() => {
    if (!ready || !productId || recorded.current === productId) return undefined;
    recorded.current = productId;
    // A timer rather than a direct call: the first screen is committed and painted before this request.
    const timer = setTimeout(() => {
      void recordOpening(productId).then((answer) => {
        if (answer.ok) setFavorited(answer.data.favorited);
      });
    }, 0);
    return () => clearTimeout(timer);
  }, [productId, ready]);

  const toggle = useCallback(async () => {
    if (busy || !productId) return;
    const wanted = !favorited;
    setBusy(true);
    setFavorited(wanted);
    const answer = wanted ? await addFavorite(productId) : await removeFavorite(productId);
    setBusy(false);
    if (answer.ok) {
      void Taro.showToast({ title: wanted ? '已收藏' : '已取消收藏', icon: 'none' });
      return;
    }
    setFavorited(!wanted);
    void Taro.showToast({ title: errorMessage(answer.code), icon: 'none' });
  }, [busy, favorited, productId]);

  return { favorited, toggle };
}
