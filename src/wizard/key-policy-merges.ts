/**
 * The merges of pasted key policies, held by Review for every key policy at
 * once: the merge panels show them, and the runbook, templates and zip apply
 * the merged policy, so what is applied is what was reviewed. A paste belongs
 * to the key it was pasted for; after the key ARN changes it is shown but not
 * merged.
 */
import { useMemo, useState } from 'react';

import {
  mergeContextFor,
  mergeKeyPolicy,
  type Answers,
  type DocumentId,
  type ExportOptions,
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
  /** The merged policies, for the exports: what is applied is what was reviewed. */
  exportOptions: ExportOptions;
}

/** What the page holds for one key policy's merge; the paste itself is also kept in the tab. */
interface MergeInput {
  pasted?: Pasted;
  kept: boolean;
  addRoot: boolean;
}

const UNTOUCHED: MergeInput = { kept: true, addRoot: false };

export function useKeyPolicyMerges(
  keyPolicies: readonly NeededDocument[],
  answers: Answers,
): KeyPolicyMerges {
  const [inputs, setInputs] = useState<Partial<Record<DocumentId, MergeInput>>>({});
  const update = (documentId: DocumentId, change: Partial<MergeInput>) => {
    setInputs((current) => ({
      ...current,
      [documentId]: { ...(current[documentId] ?? UNTOUCHED), ...change },
    }));
  };

  const merges = useMemo(
    () =>
      keyPolicies.map((document): KeyPolicyMerge => {
        const input = inputs[document.id] ?? UNTOUCHED;
        const pasted = input.pasted ?? readPasted(document.id);
        const keyArn = document.key?.arn ?? '';
        const forOtherKey = pasted.text.trim() !== '' && pasted.keyArn !== keyArn;
        const statement = document.statementOnly?.statement;
        const result =
          forOtherKey || pasted.text.trim() === '' || statement === undefined
            ? undefined
            : mergeKeyPolicy(pasted.text, statement, mergeContextFor(document, answers), {
                addRootStatement: input.addRoot,
              });
        return { document, pasted, kept: input.kept, forOtherKey, addRoot: input.addRoot, result };
      }),
    [keyPolicies, answers, inputs],
  );

  const exportOptions = useMemo<ExportOptions>(
    () => ({
      mergedKeyPolicies: Object.fromEntries(
        merges.flatMap((merge) =>
          merge.result?.ok === true ? [[merge.document.id, merge.result.json]] : [],
        ),
      ),
    }),
    [merges],
  );

  const paste = (documentId: DocumentId, text: string) => {
    const document = keyPolicies.find((candidate) => candidate.id === documentId);
    const pasted: Pasted = { keyArn: document?.key?.arn ?? '', text };
    update(documentId, { pasted, kept: savePasted(documentId, pasted) });
  };

  const setAddRoot = (documentId: DocumentId, on: boolean) => {
    update(documentId, { addRoot: on });
  };

  return { merges, paste, setAddRoot, exportOptions };
}
