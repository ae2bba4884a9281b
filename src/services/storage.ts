/**
 * Uploading files to cloud storage from the mini program: wx.cloud.uploadFile in WeChat; in the H5 build,
 * where it does not exist, the local cloud's upload route (the same cloud paths and file IDs).
 */
import Taro from '@tarojs/taro';
import { initCloud } from './cloud';
import { currentTestUser } from './test-user';

export type UploadResult = { ok: true; fileID: string } | { ok: false; message: string };

/** Uploads the file at `filePath` (what chooseImage gives) to `cloudPath`; answers its cloud:// file ID. */
export async function uploadToCloud(filePath: string, cloudPath: string): Promise<UploadResult> {
  try {
    if (process.env.TARO_ENV === 'h5') return await uploadThroughBridge(filePath, cloudPath);
    initCloud();
    const { fileID } = await Taro.cloud.uploadFile({ cloudPath, filePath });
    return { ok: true, fileID };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

async function uploadThroughBridge(filePath: string, cloudPath: string): Promise<UploadResult> {
  // chooseImage gives a blob: URL in H5; its bytes are sent as they are.
  const body = await (await fetch(filePath)).blob();
  const response = await fetch(
    `${process.env.SHOP_CLOUD_URL}/_/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`,
    { method: 'POST', headers: { 'x-wx-openid': currentTestUser().openid }, body },
  );
  const answer = (await response.json().catch(() => null)) as { fileID?: string; errMsg?: string } | null;
  if (response.ok && answer?.fileID) return { ok: true, fileID: answer.fileID };
  return { ok: false, message: answer?.errMsg ?? `HTTP ${response.status}` };
}
