/**
 * The Terraform configuration (terraform.ts): each heredoc read back as
 * Terraform reads it, providers per account, escapes.
 */
import { describe, expect, test } from 'vitest';

import type { DocumentId, DocumentKind } from './build';
import type { PolicyDocument } from './document';
import { buildTerraform } from './terraform';
import { kmsDocuments, neededDocument, neededOf } from './test-support/documents';
import {
  everything,
  FOREIGN_KEY,
  lines,
  plain,
  REALISTIC,
  SCENARIOS,
  uncomment,
  escapeRegExp,
} from './test-support/export-scenarios';

interface Heredoc {
  resource: string;
  attribute: string;
  text: string;
}

/** Every heredoc with the `resource "TYPE" "NAME"` it sits in, its text as Terraform reads it. */
function heredocs(hcl: string): Heredoc[] {
  const found: Heredoc[] = [];
  let resource = '';
  const all = lines(hcl);
  for (let index = 0; index < all.length; index += 1) {
    const line = all[index] ?? '';
    const block = /^resource "(\w+)" "(\w+)" \{$/.exec(line);
    if (block) resource = `${block[1] ?? ''}.${block[2] ?? ''}`;
    const start = /^\s*(\w+)\s*= <<-EOT$/.exec(line);
    if (!start) continue;
    const body: string[] = [];
    for (index += 1; !/^\s*EOT$/.test(all[index] ?? 'EOT'); index += 1) body.push(all[index] ?? '');
    // <<- removes the smallest indent; then $${ and %%{ are the escapes for ${ and %{.
    const indent = Math.min(
      ...body.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0),
    );
    const text = body
      .map((l) => l.slice(indent))
      .join('\n')
      .replace(/\$\$\{/g, '${')
      .replace(/%%\{/g, '%{');
    found.push({ resource, attribute: start[1] ?? '', text });
  }
  return found;
}

const HCL_RESOURCE: Readonly<Record<DocumentId, string>> = {
  'key-policy': 'aws_kms_key_policy',
  'key-policy-bucket': 'aws_kms_key_policy',
  'key-policy-dataset-group': 'aws_kms_key_policy',
  'iam-policy': 'aws_iam_role_policy',
  's3-access-policy': 'aws_iam_role_policy',
  'bucket-policy': 'aws_s3_bucket_policy',
  'trust-policy': 'aws_iam_role',
  'passrole-policy': 'aws_iam_policy',
};

describe.each(SCENARIOS)('Terraform: %s', (_name, { answers, documents }) => {
  const hcl = buildTerraform(answers, documents);
  const uncommented = uncomment(hcl, /^# resource "aws_iam_role" /);

  test('has the right resource for each document, its heredoc parsing to the document’s policy', () => {
    const found = heredocs(uncommented);
    for (const document of documents) {
      const type = HCL_RESOURCE[document.id];
      const policies = found
        .filter((heredoc) => heredoc.resource.startsWith(`${type}.`))
        .map((heredoc) => JSON.parse(heredoc.text) as unknown);
      expect(policies).toContainEqual(plain(document.policy));
    }
    expect(found.length).toBe(documents.length);
    // The trust policy is only an example: the role is not Terraform's unless the user says so.
    expect(heredocs(hcl).some((heredoc) => heredoc.resource.startsWith('aws_iam_role.'))).toBe(
      false,
    );
  });

  test('keeps the lockout safety check and the key ID', () => {
    expect(hcl).not.toContain('bypass_policy_lockout_safety_check');
    for (const document of documents.filter((d) => d.kind === 'key-policy')) {
      const arn =
        document.id === 'key-policy-dataset-group' ? answers.datasetGroupKeyArn : answers.keyArn;
      const keyId = arn === '' ? '<key-id>' : arn.split('/').at(-1);
      expect(hcl).toMatch(new RegExp(`key_id +${escapeRegExp(`= "${keyId ?? ''}"`)}`));
    }
    if (documents.some((d) => d.kind === 'key-policy')) {
      const prose = hcl.replace(/\n# /g, ' ');
      expect(prose).toContain('conflicts with the policy argument of aws_kms_key');
      expect(prose).toContain('resets the key to the default key policy');
    }
  });

  test('gives a key in another account its own provider', () => {
    const aliases = [...hcl.matchAll(/provider = aws\.(\w+)/g)].map((m) => m[1]);
    for (const alias of aliases) expect(hcl).toContain(`alias  = "${alias ?? ''}"`);
    const foreign = documents.some(
      (d) =>
        d.kind === 'key-policy' &&
        (d.id === 'key-policy-dataset-group' ? answers.datasetGroupKeyArn : answers.keyArn) ===
          FOREIGN_KEY,
    );
    expect(aliases.length > 0).toBe(foreign);
  });

  test('has balanced braces outside heredocs and comments', () => {
    let depth = 0;
    let inHeredoc = false;
    for (const line of lines(hcl)) {
      if (inHeredoc) {
        inHeredoc = !/^\s*EOT$/.test(line);
        continue;
      }
      if (/^\s*#/.test(line)) continue;
      if (line.endsWith('<<-EOT')) inHeredoc = true;
      depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
  });
});

test('Terraform escapes ${ and %{ in heredocs and strings, so policy variables stay literal', () => {
  const policy: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'HomeFolder',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::bucket/home/${aws:username}/%{if x}/$${already}/*',
      },
    ],
  };
  const document = neededDocument(
    { id: 's3-access-policy', kind: 'iam-policy', title: 'S3 access policy', fileName: 's3.json' },
    policy,
  );
  const hcl = buildTerraform({ ...REALISTIC, roleName: 'Role${x}' }, [document]);
  const code = lines(hcl)
    .filter((line) => !line.startsWith('#'))
    .join('\n');
  // Every ${ or %{ Terraform would see is escaped: preceded by another $ or %.
  // Terraform reads $${ as a literal ${ and %%{ as %{; any other ${ or %{ is a template.
  expect(code).not.toMatch(/(^|[^$])\$\{/m);
  expect(code).not.toMatch(/(^|[^%])%\{/m);
  expect(code).toContain('role   = "Role$${x}"');
  const [heredoc] = heredocs(hcl);
  expect(JSON.parse(heredoc?.text ?? '')).toEqual(plain(policy));
});

test('a document of a kind the configuration has no case for is an error, not a heading alone', () => {
  const document = {
    ...neededOf(everything(REALISTIC), 's3-access-policy'),
    kind: 'unknown-policy' as DocumentKind,
  };
  const noCase = 'No case for the document kind "unknown-policy".';
  expect(() => buildTerraform(REALISTIC, [document])).toThrow(noCase);
});

test('a reviewed merge is the key policy Terraform puts', () => {
  const documents = everything(REALISTIC);
  const merged = '{\n  "Version": "2012-10-17",\n  "Statement": []\n}\n';
  const hcl = buildTerraform(REALISTIC, documents, {
    mergedKeyPolicies: { 'key-policy-bucket': merged },
  });
  const policies = heredocs(hcl).filter((heredoc) =>
    heredoc.resource.startsWith('aws_kms_key_policy.'),
  );
  expect(policies.map((heredoc) => heredoc.resource)).toEqual([
    'aws_kms_key_policy.personalize_bucket_key',
    'aws_kms_key_policy.personalize_dataset_group_key',
  ]);
  expect(policies[0]?.text).toBe(merged.trimEnd());
  expect(policies[1]?.text).toBe(neededOf(documents, 'key-policy-dataset-group').json.trimEnd());
  expect(hcl.replace(/\n# /g, ' ')).toContain('merged in, as reviewed in the wizard');
});

test('the placeholders listed at the top are the answers not given, never a valid value', () => {
  const path = { ...REALISTIC, rolePath: '/<account-id>/' };
  expect(buildTerraform(path, everything(path))).not.toContain('PLACEHOLDERS');
  const partial = { ...REALISTIC, bucketName: '', keyArn: '' };
  const hcl = buildTerraform(partial, everything(partial));
  expect(hcl).toContain(
    '# - <bucket-name>: the name of the S3 bucket Personalize reads and writes',
  );
  expect(hcl).toContain('# - <key-id>: the ID of the KMS key');
});

test('with the confused-deputy conditions and no region, the key policy’s <region> is listed at the top', () => {
  const answers = { ...REALISTIC, confusedDeputy: true, region: '' };
  expect(buildTerraform(answers, kmsDocuments(answers))).toContain(
    '# - <region>: the region of your Personalize resources, such as us-east-1',
  );
  expect(buildTerraform(REALISTIC, kmsDocuments(REALISTIC))).not.toContain('<region>');
});
