/**
 * The parts of generated answers that the property tests share: the characters AWS allows in
 * each answer, and valid account IDs, role names, role paths and key IDs.
 */
import fc from 'fast-check';

export const DIGITS = '0123456789'.split('');
export const HEX = '0123456789abcdef'.split('');
/** The characters IAM allows in a role name. */
export const ROLE_NAME_CHARS = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''),
  ...'_+=,.@-'.split(''),
];
// Printable ASCII without space (U+0021 to U+007E), less the wildcards * and ?
// that a key policy principal cannot contain.
export const PATH_CHARS = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) =>
  String.fromCharCode(0x21 + i),
).filter((c) => c !== '*' && c !== '?');

export const REGIONS = {
  aws: ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'ap-southeast-2', 'ca-central-1'],
  'aws-cn': ['cn-north-1'],
} as const;

export const accountIdArb = fc.string({
  unit: fc.constantFrom(...DIGITS),
  minLength: 12,
  maxLength: 12,
});

export const roleNameArb = fc.string({
  unit: fc.constantFrom(...ROLE_NAME_CHARS),
  minLength: 1,
  maxLength: 64,
});

/** `/`, `/service-role/` or a path of up to `maxMiddle` characters between its slashes. */
export function rolePathArb(maxMiddle: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant('/'),
    fc.constant('/service-role/'),
    fc
      .string({ unit: fc.constantFrom(...PATH_CHARS), minLength: 1, maxLength: maxMiddle })
      .map((middle) => `/${middle}/`),
  );
}

/** A KMS key ID as AWS writes it: a lower-case UUID. */
export const uuidKeyIdArb = fc.uuid().map((id) => id.toLowerCase());

/** A multi-Region key ID: mrk- and 32 hex digits. */
export const mrkKeyIdArb = fc
  .string({ unit: fc.constantFrom(...HEX), minLength: 32, maxLength: 32 })
  .map((hex) => `mrk-${hex}`);

/** Either kind of key ID. */
export const keyIdArb = fc.oneof(uuidKeyIdArb, mrkKeyIdArb);
