import { describe, expect, test } from 'vitest';

import { archiveFiles, EXPORT_FILE_NAMES } from './archive';
import type { ExportOptions } from './export-text';
import { everything, REALISTIC, SCENARIOS } from './test-support/export-scenarios';

const BUCKET_KEY_MERGED = '{"Version":"2012-10-17","Statement":[{"Sid":"bucket key"}]}\n';
const GROUP_KEY_MERGED = '{"Version":"2012-10-17","Statement":[{"Sid":"group key"}]}\n';
const MERGED: ExportOptions = {
  mergedKeyPolicies: {
    'key-policy-bucket': BUCKET_KEY_MERGED,
    'key-policy-dataset-group': GROUP_KEY_MERGED,
  },
};

const CASES = [
  ...SCENARIOS.map(([name, { answers, documents }]) => [name, answers, documents, {}] as const),
  ['realistic, both key policies merged', REALISTIC, everything(REALISTIC), MERGED] as const,
];

describe.each(CASES)('Download all: %s', (_name, answers, documents, options) => {
  const files = archiveFiles(answers, documents, options);
  const contents = new Map(files.map((file) => [file.fileName, file.contents]));
  const runbook = contents.get(EXPORT_FILE_NAMES.runbook) ?? '';

  test('holds every file the runbook names, beside it', () => {
    const named = [...runbook.matchAll(/file:\/\/(\S+)/g)].map((match) => match[1] ?? '');
    const missing = named.filter((fileName) => !contents.has(fileName));
    expect(missing).toEqual([]);
  });

  test('holds each document and its statement alone under the names their buttons save', () => {
    for (const document of documents) {
      expect(contents.get(document.fileName)).toBe(document.json);
      if (document.statementOnly) {
        expect(contents.get(document.statementOnly.fileName)).toBe(document.statementOnly.json);
      }
    }
  });

  test('holds the runbook, the CloudFormation template and the Terraform configuration', () => {
    expect(runbook.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(contents.get(EXPORT_FILE_NAMES.cloudFormation)).toMatch(/^AWSTemplateFormatVersion/m);
    expect(contents.get(EXPORT_FILE_NAMES.terraform)).toMatch(/^resource "aws_/m);
  });

  test('names each file once', () => {
    expect(new Set(files.map((file) => file.fileName)).size).toBe(files.length);
  });
});

test('Download all holds the merged key policies the runbook puts, as the merge wrote them', () => {
  const files = archiveFiles(REALISTIC, everything(REALISTIC), MERGED);
  const contents = new Map(files.map((file) => [file.fileName, file.contents]));
  expect(contents.get('personalize-kms-key-policy-bucket-key-merged.json')).toBe(BUCKET_KEY_MERGED);
  expect(contents.get('personalize-kms-key-policy-dataset-group-key-merged.json')).toBe(
    GROUP_KEY_MERGED,
  );
  expect(contents.get(EXPORT_FILE_NAMES.runbook)).toContain(
    'file://personalize-kms-key-policy-bucket-key-merged.json',
  );
});
