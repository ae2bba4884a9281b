/**
 * WeChat Pay's error codes sorted into the gateway's kinds: v3 and v2 spellings alike, any letter case, and an
 * unknown code judged by its HTTP status alone (a code WeChat Pay adds later must not read as a known fact).
 */
import {
  kindOfWechatpayCode,
  unverifiedKind,
} from '../../../cloudfunctions/common/payments/wechatpay-error-kinds';

test('a known code decides whatever the HTTP status, in either spelling and any case', () => {
  expect(kindOfWechatpayCode('ORDER_PAID', 500)).toBe('ORDER_PAID');
  expect(kindOfWechatpayCode('orderpaid')).toBe('ORDER_PAID');
  expect(kindOfWechatpayCode('ORDERCLOSED', 400)).toBe('ORDER_CLOSED');
  expect(kindOfWechatpayCode('RESOURCE_NOT_EXISTS', 404)).toBe('ORDER_NOT_FOUND');
  expect(kindOfWechatpayCode('NOTENOUGH', 403)).toBe('INSUFFICIENT_FUNDS');
  expect(kindOfWechatpayCode('FREQUENCY_LIMITED', 403)).toBe('RATE_LIMITED');
  expect(kindOfWechatpayCode('SIGN_ERROR', 401)).toBe('AUTH');
  expect(kindOfWechatpayCode('BANKERROR', 200)).toBe('UNAVAILABLE');
});

test('an unknown code falls back on the HTTP status; without one it is UNKNOWN', () => {
  const unknown = 'SOMETHING_NEW';
  expect(kindOfWechatpayCode(unknown)).toBe('UNKNOWN');
  expect(kindOfWechatpayCode(unknown, 401)).toBe('AUTH');
  // 403 holds permission and business refusals alike: no guess.
  expect(kindOfWechatpayCode(unknown, 403)).toBe('UNKNOWN');
  expect(kindOfWechatpayCode(unknown, 404)).toBe('ORDER_NOT_FOUND');
  expect(kindOfWechatpayCode(unknown, 429)).toBe('RATE_LIMITED');
  expect(kindOfWechatpayCode(unknown, 500)).toBe('UNAVAILABLE');
  expect(kindOfWechatpayCode(unknown, 503)).toBe('UNAVAILABLE');
  expect(kindOfWechatpayCode(unknown, 400)).toBe('INVALID_REQUEST');
  expect(kindOfWechatpayCode(unknown, 409)).toBe('INVALID_REQUEST');
  expect(kindOfWechatpayCode(unknown, 200)).toBe('UNKNOWN');
  expect(kindOfWechatpayCode(unknown, 302)).toBe('UNKNOWN');
});

test('an unsigned error answer is not believed about the payment itself', () => {
  expect(unverifiedKind('ORDER_CLOSED')).toBe('UNTRUSTED_RESPONSE');
  expect(unverifiedKind('ORDER_NOT_FOUND')).toBe('UNTRUSTED_RESPONSE');
  expect(unverifiedKind('UNKNOWN')).toBe('UNTRUSTED_RESPONSE');
  expect(unverifiedKind('ORDER_PAID')).toBe('ORDER_PAID');
  expect(unverifiedKind('RATE_LIMITED')).toBe('RATE_LIMITED');
  expect(unverifiedKind('UNAVAILABLE')).toBe('UNAVAILABLE');
});
