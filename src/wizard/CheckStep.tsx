import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';

import { Disclosure } from '../ui/Disclosure';
import { CopyableText } from '../ui/CopyableText';
import type { Answers } from '../policy';
import { collectScript } from '../policy/check/collect-script';
import { COLLECTED_MAX_CHARS, readCollected } from '../policy/check/collected';
import { explainError } from '../policy/check/errors';
import { checkFields, CHECK_LABELS, EMPTY_TEXTS } from '../policy/check/fields';
import { checkSetup } from '../policy/check/findings';
import type { CheckField, CheckInputs, CheckTexts, SetupFacts } from '../policy/check/types';
import {
  forgetLostCollectedFile,
  readCheckTexts,
  readCollectedFile,
  readLostCollectedFile,
  saveCheckText,
  saveCollectedFile,
} from '../state/check-texts';
import { useLive } from '../state/live-answers';
import { CheckFindings } from './CheckFindings';
import { CheckTextField } from './CheckTextField';
import { CollectedFileLoader, type LoadOutcome } from './CollectedFileLoader';
import { ErrorExplanation } from './ErrorExplanation';

/**
 * How long after the last keystroke the findings follow the texts: a pasted policy is read and
 * evaluated whole, so a run of keystrokes costs one check, as the address follows the answers
 * (docs/performance.md).
 */
const CHECK_DELAY_MS = 150;

/** `value`, once it has stayed the same for `delay` ms. */
function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setSettled(value);
    }, delay);
    return () => {
      window.clearTimeout(timer);
    };
  }, [value, delay]);
  return settled;
}

function isCheckField(name: string): name is CheckField {
  return Object.hasOwn(EMPTY_TEXTS, name);
}

function collectedFacts(collected: string, answers: Answers): SetupFacts {
  if (collected === '') return {};
  const read = readCollected(collected, answers);
  return read.ok ? read.facts : {};
}

function hasFacts(facts: SetupFacts): boolean {
  return facts.bucket !== undefined || (facts.keys?.length ?? 0) > 0;
}

/** What a pasted or loaded text and fact give the check, with what the tab could not keep. */
function useCheckInputs() {
  const [texts, setTexts] = useState<CheckTexts>(readCheckTexts);
  const [collected, setCollected] = useState(readCollectedFile);
  const [unkept, setUnkept] = useState<ReadonlySet<CheckField>>(() => new Set());
  // A file the tab could not keep, which a reload has lost: the step names it until another loads.
  const [lostFile, setLostFile] = useState(readLostCollectedFile);

  const keep = useCallback((field: CheckField, text: string) => {
    const kept = saveCheckText(field, text);
    setUnkept((current) => {
      if (kept !== current.has(field)) return current;
      const next = new Set(current);
      if (kept) next.delete(field);
      else next.add(field);
      return next;
    });
  }, []);

  const change = useCallback(
    (field: CheckField, text: string) => {
      setTexts((current) => ({ ...current, [field]: text }));
      keep(field, text);
    },
    [keep],
  );

  const load = useCallback(
    (file: string, fileName: string, loaded: Partial<CheckTexts>) => {
      setTexts((current) => ({ ...current, ...loaded }));
      for (const [field, text] of Object.entries(loaded)) {
        if (isCheckField(field)) keep(field, text);
      }
      setCollected(file);
      saveCollectedFile(file, fileName);
      setLostFile(undefined);
    },
    [keep],
  );

  const forgetLostFile = useCallback(() => {
    forgetLostCollectedFile();
    setLostFile(undefined);
  }, []);

  return { texts, collected, unkept, lostFile, change, load, forgetLostFile };
}

/** Reads a dropped or chosen file and fills the fields it holds. */
function useCollectedFile(
  answers: Answers,
  fields: readonly CheckField[],
  load: ReturnType<typeof useCheckInputs>['load'],
) {
  const [outcome, setOutcome] = useState<LoadOutcome>();
  const read = useCallback(
    (file: File) => {
      // Not even read when, at four bytes a character (UTF-8's most), it would still be too
      // long; a text just over the limit is refused by the reader, with its figures.
      if (file.size > COLLECTED_MAX_CHARS * 4) {
        setOutcome({
          ok: false,
          fileName: file.name,
          message: `it is larger than any collected file (at most ${String(COLLECTED_MAX_CHARS / 1_000_000)} million characters).`,
        });
        return;
      }
      file.text().then(
        (text) => {
          const result = readCollected(text, answers);
          if (!result.ok) {
            setOutcome({ ok: false, fileName: file.name, message: result.message });
            return;
          }
          load(text, file.name, result.texts);
          const filled = fields.filter((field) => (result.texts[field] ?? '').trim() !== '');
          setOutcome({
            ok: true,
            fileName: file.name,
            filled: filled.map((field) => CHECK_LABELS[field]),
            notes: result.notes,
          });
        },
        () => {
          setOutcome({ ok: false, fileName: file.name, message: 'the browser could not read it.' });
        },
      );
    },
    [answers, fields, load],
  );
  return { outcome, read };
}

/** Whether a drag carries files (and not text or a link). */
function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer.types.includes('Files');
}

/** The script that gathers every input at once, folded until asked for. */
function CollectScript({ answers }: { answers: Answers }) {
  return (
    <Disclosure
      sx={{ borderTop: 1, borderBottom: 1, borderColor: 'divider', py: 1 }}
      summary={
        <Typography component="h3" variant="h3" sx={{ display: 'inline' }}>
          Collect it in one go
        </Typography>
      }
    >
      {() => {
        const { fileName, script } = collectScript(answers);
        return (
          <Box component="section" aria-label="Collect it in one go" sx={{ mt: 1 }}>
            <Typography variant="body2" gutterBottom>
              Run this script where the AWS CLI can read the role, the keys and the bucket. It makes
              read-only calls only, and writes one JSON file to load below.
            </Typography>
            <CopyableText
              text={script}
              fileName={fileName}
              label="Collect script"
              format="shell script"
              mimeType="text/x-shellscript"
            />
          </Box>
        );
      }}
    </Disclosure>
  );
}

/**
 * Check a setup that already exists: paste what AWS has (or load the collected file) and the
 * error it gave, see which operation fails, why, and what to change.
 */
export function CheckStep() {
  const answers = useLive((state) => state.answers);
  const fields = useMemo(() => checkFields(answers), [answers]);
  const { texts, collected, unkept, lostFile, change, load, forgetLostFile } = useCheckInputs();
  // The facts come from the file's text each time, through the one reader that checks it.
  const facts = useMemo(() => collectedFacts(collected, answers), [collected, answers]);
  const { outcome, read } = useCollectedFile(answers, fields, load);
  const [dragging, setDragging] = useState(false);

  const settled = useSettled(texts, CHECK_DELAY_MS);
  // checkSetup reads a field these answers do not show as empty.
  const inputs = useMemo<CheckInputs>(
    () => (hasFacts(facts) ? { texts: settled, facts } : { texts: settled }),
    [settled, facts],
  );
  const report = useMemo(() => checkSetup(answers, inputs), [answers, inputs]);
  const explained = useMemo(
    () =>
      inputs.texts.errorMessage.trim() === ''
        ? undefined
        : explainError(inputs.texts.errorMessage, answers, report),
    [inputs, answers, report],
  );
  const problems = useMemo(() => {
    const byField = new Map<CheckField, string[]>();
    for (const problem of report.problems) {
      byField.set(problem.field, [...(byField.get(problem.field) ?? []), problem.message]);
    }
    return byField;
  }, [report]);

  return (
    <Box
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setDragging(false);
        const file = event.dataTransfer.files[0];
        if (file !== undefined) read(file);
      }}
      sx={{
        overflowWrap: 'break-word',
        outline: dragging ? '2px dashed' : 'none',
        outlineColor: 'primary.main',
        outlineOffset: 4,
      }}
    >
      <Typography variant="body2" gutterBottom>
        Paste what AWS has for this setup, and the error it gave, or load the file the script below
        collects. Any field may stay empty: the findings say what it leaves unchecked. What you
        paste stays in this browser tab and never goes into the link.
      </Typography>
      <CollectScript answers={answers} />
      <CollectedFileLoader
        outcome={outcome}
        lostFile={lostFile}
        onFile={read}
        onDismissLost={forgetLostFile}
      />
      {fields.map((field) => (
        <CheckTextField
          key={field}
          field={field}
          value={texts[field]}
          problems={problems.get(field) ?? NO_PROBLEMS}
          kept={!unkept.has(field)}
          onChange={change}
        />
      ))}
      <CheckFindings findings={report.findings} />
      {explained === undefined ? null : <ErrorExplanation explained={explained} />}
    </Box>
  );
}

const NO_PROBLEMS: readonly string[] = [];
