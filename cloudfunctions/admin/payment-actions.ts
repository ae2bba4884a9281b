/** The `admin` function's payment anomaly actions: list genuine payments no order could take, and settle them. */
import { z } from 'zod';
import type { ActionTable } from '../common/runtime/action-router';
import type { Actor } from '../common/services/audit-service';
import { recordChange } from '../common/services/audit-service';
import { listAnomalies, settleAnomaly } from '../common/services/payment-anomaly-service';
import { textSchema } from '../common/validation/fields';

type PaymentActionTable = Pick<ActionTable<'admin'>, 'payments.anomalies' | 'payments.settle'>;

const transactionIdSchema = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'bad transaction id');

export function paymentActions(actor: () => Actor): PaymentActionTable {
  return {
    'payments.anomalies': {
      schema: z.object({ settled: z.boolean().optional() }).strict(),
      run: ({ settled }) => listAnomalies(settled ?? false),
    },
    'payments.settle': {
      schema: z
        .object({
          transactionId: transactionIdSchema,
          how: z.enum(['REFUND', 'HANDLED']),
          note: textSchema(1, 200),
        })
        .strict(),
      fieldCodes: { transactionId: 'NOT_FOUND' },
      run: async ({ transactionId, how, note }, { now }) => {
        const outcome = await recordChange(
          actor(),
          'payments.settle',
          'payment',
          transactionId,
          () => settleAnomaly(transactionId, how, note, actor().openid, now),
          now,
          // Audited once: by the call that settled it, not by those that found it settled.
          ({ settledNow }) => settledNow,
        );
        return outcome.anomaly;
      },
    },
  };
}
