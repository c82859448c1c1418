/**
 * A policy document as pasted: its statements, and what is wrong with it as a whole. `Statement`
 * may be one object or a list (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).
 */
import type { RequestContext } from './context';
import type { ReadRequest } from './request';
import { judgeStatement } from './statement';
import type { NamedPolicy, PolicyKind, PolicyVerdicts } from './types';

const POLICY_ELEMENTS = new Set(['Version', 'Id', 'Statement']);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);

function readStatements(document: unknown): { statements: unknown[]; problems: string[] } {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { statements: [], problems: ['the policy is not a JSON object'] };
  }
  const fields = document as Record<string, unknown>;
  const problems: string[] = [];
  for (const element of Object.keys(fields).filter((name) => !POLICY_ELEMENTS.has(name))) {
    problems.push(`the policy has an element "${element}" AWS does not define`);
  }
  if (
    'Version' in fields &&
    !(typeof fields.Version === 'string' && VERSIONS.has(fields.Version))
  ) {
    problems.push(
      `the policy's Version ${JSON.stringify(fields.Version)} is not 2012-10-17 or 2008-10-17`,
    );
  }
  if ('Id' in fields && typeof fields.Id !== 'string') {
    problems.push("the policy's Id is not a string");
  }
  const statement = fields.Statement;
  let statements: unknown[] = [];
  if (Array.isArray(statement)) statements = statement;
  else if (typeof statement === 'object' && statement !== null) statements = [statement];
  else problems.push('the policy has no Statement object or list');
  return { statements, problems };
}

export function judgePolicy(
  policy: NamedPolicy,
  kind: PolicyKind,
  request: ReadRequest,
  context: RequestContext,
): PolicyVerdicts {
  const { statements, problems } = readStatements(policy.document);
  return {
    verdicts: statements.map((statement, index) =>
      judgeStatement(policy.name, index, statement, kind, request, context),
    ),
    problems,
  };
}
