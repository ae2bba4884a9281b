/** The payment gateway of this function instance, built once from the function's environment. */
import { cloud } from '../cloud';
import type { CloudPayApi } from '../payments/cloudpay-gateway';
import type { PaymentGateway } from '../payments/gateway';
import { createGateway } from '../payments/gateway-factory';
import { paymentConfigFromEnv, validatePaymentConfig } from '../payments/payment-config';
import { fail } from '../runtime/domain-error';

let gateway: PaymentGateway | undefined;

export function paymentGateway(): PaymentGateway {
  if (gateway) return gateway;
  const check = validatePaymentConfig(paymentConfigFromEnv(process.env));
  if (!check.ok) {
    console.error(`[payments] not configured: ${check.errors.join('; ')}`);
    fail('PAYMENT_NOT_CONFIGURED', 'payment is not configured');
  }
  gateway = createGateway(check.config, {
    cloudPay: (cloud as unknown as { cloudPay: CloudPayApi }).cloudPay,
  });
  return gateway;
}
