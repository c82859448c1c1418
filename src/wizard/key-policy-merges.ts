/**
 * The merges of pasted key policies, held by Review for every key policy at
 * once: the merge panels show them, and the runbook, templates and zip apply
 * the merged policy, so what is applied is what was reviewed. A paste belongs
 * to the key it was pasted for; after the key ARN changes it is shown but not
 * merged.
 */
import { useMemo, useState } from 'react';

import {
  accountFor,
  mergeKeyPolicy,
  type Answers,
  type DocumentId,
  type MergeResult,
  type NeededDocument,
} from '../policy';
import { readPasted, savePasted, type Pasted } from '../state/pasted';

export interface KeyPolicyMerge {
  document: NeededDocument;
  pasted: Pasted;
  /** False when this tab's storage refused the paste: a reload would lose it. */
  kept: boolean;
  /** The paste was made for another key (or before the key ARN was given). */
  forOtherKey: boolean;
  addRoot: boolean;
  /** The merge, once a paste for this key is there. */
  result: MergeResult | undefined;
}

export interface KeyPolicyMerges {
  merges: KeyPolicyMerge[];
  paste: (documentId: DocumentId, text: string) => void;
  setAddRoot: (documentId: DocumentId, on: boolean) => void;
  /** The merged policies' text, by document, for the exports. */
  merged: ReadonlyMap<DocumentId, string>;
}

export function useKeyPolicyMerges(
  keyPolicies: readonly NeededDocument[],
  answers: Answers,
): KeyPolicyMerges {
  const [pastes, setPastes] = useState<Partial<Record<DocumentId, Pasted>>>({});
  const [refused, setRefused] = useState<ReadonlySet<DocumentId>>(new Set());
  const [addRoots, setAddRoots] = useState<ReadonlySet<DocumentId>>(new Set());

  const merges = useMemo(
    () =>
      keyPolicies.map((document): KeyPolicyMerge => {
        const pasted = pastes[document.id] ?? readPasted(document.id);
        const keyArn = document.key?.arn ?? '';
        const forOtherKey = pasted.text.trim() !== '' && pasted.keyArn !== keyArn;
        const statement = document.statementOnly?.statement;
        const addRoot = addRoots.has(document.id);
        const result =
          forOtherKey || pasted.text.trim() === '' || statement === undefined
            ? undefined
            : mergeKeyPolicy(
                pasted.text,
                statement,
                {
                  keyAccountId: accountFor(document, answers),
                  partition: answers.partition,
                  keyArn: document.key?.arn,
                  neededFor: Object.fromEntries(
                    document.explanations.map((explanation) => [
                      explanation.action,
                      explanation.because.map((because) => because.answer).join(' '),
                    ]),
                  ),
                },
                { addRootStatement: addRoot },
              );
        return {
          document,
          pasted,
          kept: !refused.has(document.id),
          forOtherKey,
          addRoot,
          result,
        };
      }),
    [keyPolicies, answers, pastes, refused, addRoots],
  );

  const merged = useMemo(
    () =>
      new Map(
        merges.flatMap((merge) =>
          merge.result?.ok === true ? [[merge.document.id, merge.result.json] as const] : [],
        ),
      ),
    [merges],
  );

  const paste = (documentId: DocumentId, text: string) => {
    const document = keyPolicies.find((candidate) => candidate.id === documentId);
    const next: Pasted = { keyArn: document?.key?.arn ?? '', text };
    setPastes((current) => ({ ...current, [documentId]: next }));
    const kept = savePasted(documentId, next);
    setRefused((current) => {
      const updated = new Set(current);
      if (kept) updated.delete(documentId);
      else updated.add(documentId);
      return updated;
    });
  };

  const setAddRoot = (documentId: DocumentId, on: boolean) => {
    setAddRoots((current) => {
      const updated = new Set(current);
      if (on) updated.add(documentId);
      else updated.delete(documentId);
      return updated;
    });
  };

  return { merges, paste, setAddRoot, merged };
}
