/**
 * The deployment configuration (shop.config.local.json, or the file SHOP_CONFIG names): read, checked with
 * one line per problem that names the field, and turned into what the deploy scripts need. The payment part
 * is checked by the functions' own validatePaymentConfig, so a deployment fails on exactly what the
 * functions would refuse at run time.
 */
import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ShippingRule } from '../../cloudfunctions/common/domain/shipping';
import type { PaymentConfig } from '../../cloudfunctions/common/payments/payment-config';
import {
  checkPayment,
  isRecord,
  readReferencedFile,
  type PaymentFiles,
  type Problem,
} from './shop-config-payment';

export { DEFAULT_CALLBACK_FUNCTION } from './shop-config-payment';

export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');
export const CONFIG_FILE = 'shop.config.local.json';
export const EXAMPLE_FILE = 'shop.config.example.json';
/** The product images of the sample shop, as the local cloud serves them. */
export const DEFAULT_ASSETS_DIR = 'emulator/seed/images';
/** Where WeChat creates cloud environments for mini programs. */
export const DEFAULT_REGION = 'ap-shanghai';

export interface ShopConfig {
  /** Absolute path of the file the configuration came from. */
  file: string;
  appid: string;
  envId: string;
  /** Absolute path of the code upload key (private.<appid>.key). */
  ciPrivateKeyPath: string;
  /** Absolute path of the Tencent Cloud API key pair file, when given (else TENCENTCLOUD_SECRETID/SECRETKEY). */
  tencentCloudKeyPath?: string;
  /** Region of the cloud environment (WeChat's environments are in ap-shanghai). */
  region: string;
  robot: number;
  payment: PaymentConfig;
  paymentFiles: PaymentFiles;
  adminOpenids: string[];
  orderExpiryMinutes?: number;
  shippingRule?: Partial<ShippingRule>;
  /** Subscribe-message template ids per order event (cloudfunctions/common/config/message-templates.ts). */
  messageTemplates?: Partial<Record<'shipped' | 'refundResult' | 'closingSoon', string>>;
  /** After-sales after receipt (cloudfunctions/common/config/after-sales-settings.ts), sent as SHOP_AFTER_SALES. */
  afterSales?: {
    windowDays?: number;
    returnAddress?: { name: string; mobile: string; address: string };
    returnCouponOnFullRefund?: boolean;
  };
  assets: { dir: string; url?: string };
}

export type ShopConfigCheck = { ok: true; config: ShopConfig } | { ok: false; errors: string[] };

const APPID = /^wx[0-9a-f]{16}$/;
const fen = z.number().int('must be a whole number of fen').nonnegative('must not be negative');

const shippingRuleSchema = z
  .object({
    baseFee: fen.optional(),
    freeFrom: fen.optional(),
    regionExtra: z.record(z.string(), fen).optional(),
    noDelivery: z.array(z.string().min(1, 'must not be empty')).optional(),
  })
  .strict();

/** The payment part as written in the file: keys by path; the meaning of each value is payment-config's to judge. */
const paymentFileSchema = z
  .object({
    mode: z.string(),
    mchid: z.string().optional(),
    merchantSerialNo: z.string().optional(),
    merchantPrivateKeyPath: z.string().optional(),
    apiV3Key: z.string().optional(),
    wechatpayPublicKeyId: z.string().optional(),
    wechatpayPublicKeyPath: z.string().optional(),
    platformCertificatePaths: z.array(z.string()).optional(),
    notifyUrl: z.string().optional(),
    subMchId: z.string().optional(),
    callbackFunction: z.string().optional(),
  })
  .strict();

const fileSchema = z
  .object({
    /** Free text; the template uses it to point at docs/deploy.md. */
    $comment: z.string().optional(),
    appid: z.string().regex(APPID, 'must be the mini program AppID: "wx" and 16 hex digits'),
    envId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{3,63}$/i, 'must be the cloud environment id (云开发控制台 → 设置 → 环境ID)'),
    ciPrivateKeyPath: z.string().min(1, 'must be the path of the code upload key'),
    tencentCloudKeyPath: z.string().min(1, 'must be the path of the API key pair file').optional(),
    region: z
      .string()
      .regex(/^[a-z]+-[a-z]+(-\d+)?$/, 'must be a Tencent Cloud region such as ap-shanghai')
      .default(DEFAULT_REGION),
    robot: z.number().int().min(1, 'must be 1-30').max(30, 'must be 1-30').default(1),
    payment: paymentFileSchema,
    adminOpenids: z
      .array(
        z
          .string()
          .regex(
            /^[\w-]{20,64}$/,
            'must be an OPENID of a buyer of this mini program (28 characters, "o...")',
          ),
      )
      .default([]),
    orderExpiryMinutes: z.number().int('must be a whole number').positive('must be positive').optional(),
    shippingRule: shippingRuleSchema.optional(),
    messageTemplates: z
      .object({
        shipped: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'must be a template id'),
        refundResult: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'must be a template id'),
        closingSoon: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'must be a template id'),
      })
      .partial()
      .strict()
      .optional(),
    afterSales: z
      .object({
        windowDays: z.number().int('must be a whole number').min(0).max(365).optional(),
        returnAddress: z
          .object({
            name: z.string().min(1).max(20),
            mobile: z.string().regex(/^[0-9-]{5,20}$/, 'must be a phone number'),
            address: z.string().min(5).max(120),
          })
          .strict()
          .optional(),
        returnCouponOnFullRefund: z.boolean().optional(),
      })
      .strict()
      .optional(),
    assets: z
      .object({
        dir: z.string().min(1).default(DEFAULT_ASSETS_DIR),
        url: z
          .string()
          .url('must be the https:// download domain of the cloud storage')
          .refine((url) => url.startsWith('https://'), 'must be an https:// URL')
          .optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

type ConfigFile = z.infer<typeof fileSchema>;

function fieldName(segments: readonly (string | number)[]): string {
  return segments.reduce<string>(
    (name, segment) =>
      typeof segment === 'number' ? `${name}[${segment}]` : name ? `${name}.${segment}` : segment,
    '',
  );
}

function problemsOfIssue(issue: z.ZodIssue): Problem[] {
  const field = fieldName(issue.path) || 'config';
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    return issue.keys.map((key) => {
      const name = fieldName([...issue.path, key]);
      return { field: name, line: `${name}: unknown field (see ${EXAMPLE_FILE} for the fields)` };
    });
  }
  if (issue.code === z.ZodIssueCode.invalid_type) {
    if (issue.received === 'undefined') return [{ field, line: `${field} is missing` }];
    // zod reports a fraction where a whole number belongs as a type error; the schema's message says it better.
    if (issue.expected === 'integer') return [{ field, line: `${field}: ${issue.message}` }];
    const expected = issue.expected === 'string' ? 'a string in quotes' : `a ${issue.expected}`;
    return [{ field, line: `${field}: must be ${expected}, not ${issue.received}` }];
  }
  return [{ field, line: `${field}: ${issue.message}` }];
}

/** Values still holding the template's "<...>" placeholders: named as such rather than as format errors. */
function placeholderProblems(value: unknown, segments: (string | number)[] = []): Problem[] {
  if (typeof value === 'string') {
    if (!/<[^<>]+>/.test(value)) return [];
    const field = fieldName(segments);
    return [{ field, line: `${field}: still the placeholder ${JSON.stringify(value)} of ${EXAMPLE_FILE}` }];
  }
  if (Array.isArray(value))
    return value.flatMap((item, index) => placeholderProblems(item, [...segments, index]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .filter(([key]) => !key.startsWith('$'))
      .flatMap(([key, item]) => placeholderProblems(item, [...segments, key]));
  }
  return [];
}

function checkCiKey(raw: Record<string, unknown>, baseDir: string): Problem[] {
  const relative = raw.ciPrivateKeyPath;
  if (typeof relative !== 'string' || relative === '') return [];
  const { text, problem } = readReferencedFile('ciPrivateKeyPath', relative, baseDir);
  if (problem) return [problem];
  try {
    createPrivateKey(text ?? '');
    return [];
  } catch {
    const file = path.resolve(baseDir, relative);
    return [
      {
        field: 'ciPrivateKeyPath',
        line: `ciPrivateKeyPath: not a PEM private key: ${file} (expected the code upload key private.<appid>.key)`,
      },
    ];
  }
}

/** Keeps the first problem of each field: a missing file is not also reported as a missing PEM. */
function oneProblemPerField(problems: readonly Problem[]): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const problem of problems) {
    if (seen.has(problem.field)) continue;
    seen.add(problem.field);
    lines.push(problem.line);
  }
  return lines;
}

/** Checks a parsed configuration; paths in it are relative to `baseDir` (the config file's folder). */
export function validateShopConfig(
  raw: unknown,
  baseDir: string,
  file = path.join(baseDir, CONFIG_FILE),
): ShopConfigCheck {
  if (!isRecord(raw)) return { ok: false, errors: ['config: must be a JSON object'] };
  const parsed = fileSchema.safeParse(raw);
  const payment = checkPayment(raw, baseDir);
  const problems = [
    ...placeholderProblems(raw),
    ...(parsed.success ? [] : parsed.error.issues.flatMap(problemsOfIssue)),
    ...checkCiKey(raw, baseDir),
    ...payment.problems,
  ];
  if (problems.length > 0 || !parsed.success || !payment.config) {
    const errors = oneProblemPerField(problems);
    return { ok: false, errors: errors.length > 0 ? errors : ['payment: invalid'] };
  }
  return { ok: true, config: toShopConfig(parsed.data, payment.config, payment.files, baseDir, file) };
}

function toShopConfig(
  data: ConfigFile,
  payment: PaymentConfig,
  paymentFiles: PaymentFiles,
  baseDir: string,
  file: string,
): ShopConfig {
  const config: ShopConfig = {
    file,
    appid: data.appid,
    envId: data.envId,
    ciPrivateKeyPath: path.resolve(baseDir, data.ciPrivateKeyPath),
    robot: data.robot,
    region: data.region,
    payment,
    paymentFiles,
    adminOpenids: data.adminOpenids,
    assets: {
      // The sample images ship with the repository, so the default is relative to it, not to the file.
      dir: path.resolve(data.assets.dir === DEFAULT_ASSETS_DIR ? REPOSITORY_ROOT : baseDir, data.assets.dir),
      ...(data.assets.url ? { url: data.assets.url.replace(/\/+$/, '') } : {}),
    },
  };
  if (data.tencentCloudKeyPath !== undefined)
    config.tencentCloudKeyPath = path.resolve(baseDir, data.tencentCloudKeyPath);
  if (data.orderExpiryMinutes !== undefined) config.orderExpiryMinutes = data.orderExpiryMinutes;
  if (data.shippingRule !== undefined) config.shippingRule = data.shippingRule;
  if (data.messageTemplates !== undefined) config.messageTemplates = data.messageTemplates;
  if (data.afterSales !== undefined) config.afterSales = data.afterSales;
  return config;
}

/** Which file to read: an explicit path, else SHOP_CONFIG, else shop.config.local.json at the repository root. */
export function shopConfigPath(
  explicit?: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd = process.cwd(),
): string {
  const chosen = explicit ?? env.SHOP_CONFIG;
  return chosen ? path.resolve(cwd, chosen) : path.join(REPOSITORY_ROOT, CONFIG_FILE);
}

export function loadShopConfig(file: string): ShopConfigCheck {
  if (!fs.existsSync(file)) {
    return {
      ok: false,
      errors: [
        `${file}: not found — copy ${EXAMPLE_FILE} to ${CONFIG_FILE} and fill it in (or point SHOP_CONFIG at your file)`,
      ],
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return {
      ok: false,
      errors: [`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`],
    };
  }
  return validateShopConfig(raw, path.dirname(file), file);
}
