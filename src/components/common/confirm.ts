/** A yes/no question in WeChat's modal, in the shop's red; a failed or dismissed modal counts as no. */
import Taro from '@tarojs/taro';

export async function confirmAction(content: string, confirmText = '确定'): Promise<boolean> {
  try {
    const answer = await Taro.showModal({
      title: '提示',
      content,
      confirmText,
      cancelText: '再想想',
      confirmColor: '#e93b3d',
    });
    return answer.confirm;
  } catch {
    return false;
  }
}

/** A short message that needs no icon (errors, "coming soon"). */
export function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none' });
}
