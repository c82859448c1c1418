/**
 * The Check step's fields for a set of answers, with their labels: the key policy fields follow
 * the key policies the wizard writes (one key, or a bucket key and a dataset group key).
 */
import type { Answers } from '../answers';
import { buildPolicies } from '../build';
import type { CheckField, CheckTexts, KeyPolicyField } from './types';

const KEY_POLICY_LABELS: Readonly<Record<KeyPolicyField, string>> = {
  'key-policy': 'Current key policy',
  'key-policy-bucket': 'Current key policy (bucket key)',
  'key-policy-dataset-group': 'Current key policy (dataset group key)',
};

export const CHECK_LABELS: Readonly<Record<CheckField, string>> = {
  errorMessage: 'Error message',
  ...KEY_POLICY_LABELS,
  rolePolicies: 'Service role’s policies',
  bucketPolicy: 'Bucket policy',
  trustPolicy: 'Trust policy',
};

/** Every field, each empty. */
export const EMPTY_TEXTS: CheckTexts = {
  errorMessage: '',
  'key-policy': '',
  'key-policy-bucket': '',
  'key-policy-dataset-group': '',
  rolePolicies: '',
  bucketPolicy: '',
  trustPolicy: '',
};

function isKeyPolicyField(id: string): id is KeyPolicyField {
  return id in KEY_POLICY_LABELS;
}

/** The key policy fields these answers call for: none when nothing is encrypted. */
export function keyPolicyFields(answers: Answers): KeyPolicyField[] {
  return buildPolicies(answers).documents.flatMap((document) =>
    document.needed && isKeyPolicyField(document.id) ? [document.id] : [],
  );
}

/** The fields the Check step shows for these answers, in order. */
export function checkFields(answers: Answers): CheckField[] {
  return [
    'errorMessage',
    ...keyPolicyFields(answers),
    'rolePolicies',
    'bucketPolicy',
    'trustPolicy',
  ];
}

/**
 * The texts of the fields shown for these answers; a field not shown is checked as empty. A
 * text kept from earlier answers (a bucket key's policy after the answers went back to one key)
 * stays stored for when the field comes back, but says nothing about this setup.
 */
export function shownTexts(answers: Answers, texts: CheckTexts): CheckTexts {
  const shown: Record<CheckField, string> = { ...EMPTY_TEXTS };
  for (const field of checkFields(answers)) shown[field] = texts[field];
  return shown;
}
