import { zodResolver } from '@hookform/resolvers/zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Step from '@mui/material/Step';
import StepButton, { type StepButtonProps } from '@mui/material/StepButton';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import visuallyHidden from '@mui/utils/visuallyHidden';
import {
  memo,
  startTransition,
  Suspense,
  useCallback,
  useDeferredValue,
  useEffect,
  useRef,
  useState,
} from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';

import { Notice } from '../ui/Notice';
import { copyText } from '../ui/clipboard';
import { DocumentsPanel, prefetchCompanions } from '../documents/DocumentsPanel';
import { answersSchema, DEFAULT_ANSWERS, type AnswerField, type Answers } from '../policy';
import { prefetchExplanations } from '../documents/Explanations';
import {
  createLiveAnswers,
  LiveAnswersContext,
  useLive,
  type LiveAnswers,
  type LiveState,
} from '../state/live-answers';
import {
  clearTabAnswers,
  forgetWrittenHistory,
  readInitialState,
  type InitialState,
  saveDraftForAddress,
  shareSearch,
  shareUrl,
  stepNamedInAddress,
  writeState,
} from '../state/address';
import { TAB_NOTICE } from '../state/draft';
import type { LinkNotice } from '../link/share-link';
import {
  lockedStepReason,
  openableStep,
  reachableSteps,
  stepIndex,
  type StepId,
} from '../state/step-rules';
import { lazyComponent } from '../ui/lazy-component';
import { EditionGapWarning } from './EditionGapWarning';
import { prefetchSteps, STEPS } from './steps';

/** Keeps focus where it is on a mouse press, so a field's blur cannot move the button away. */
function keepFocus(event: { preventDefault: () => void }) {
  event.preventDefault();
}

/**
 * A step's button in the step navigation. Wrapped so that MUI does not make
 * the Stepper a tab list (there are no tab panels) with a single roving Tab
 * stop: each step that can be opened is a button of its own in the Tab order.
 */
function StepNavButton({ disabled, ...props }: StepButtonProps) {
  return (
    <StepButton
      {...props}
      disabled={disabled}
      onMouseDown={keepFocus}
      role="button"
      aria-selected={undefined}
      aria-posinset={undefined}
      aria-setsize={undefined}
      tabIndex={disabled === true ? -1 : 0}
    />
  );
}

/**
 * The Start over confirmation. Its code (MUI's Dialog and Modal) is not
 * needed on the first visit: it loads with the later steps' code, once the
 * user starts answering, or at the first Start over.
 */
const StartOverDialog = lazyComponent(
  'StartOverDialog',
  async () => (await import('./StartOverDialog')).StartOverDialog,
);

/** How long after the last keystroke the address follows the answers. */
const ADDRESS_DELAY_MS = 150;

/**
 * Puts the answers in the address and in this tab's draft a moment after the
 * last keystroke, without piling up history (browsers also limit how often a
 * page may rewrite its address). A reload or a closed tab within that moment
 * saves the draft at once, so no keystroke is lost.
 */
function useAddressSync(live: LiveAnswers, form: UseFormReturn<Answers>, step: StepId) {
  const stepRef = useRef(step);
  useEffect(() => {
    stepRef.current = step;
  }, [step]);
  useEffect(() => {
    let timer: number | undefined;
    let unsaved = false;
    const saveNow = () => {
      if (!unsaved) return;
      unsaved = false;
      saveDraftForAddress(form.getValues());
    };
    const writeNow = () => {
      unsaved = false;
      writeState(form.getValues(), stepRef.current, 'replace'); // saves the draft too
    };
    const follow = () => {
      unsaved = true;
      window.clearTimeout(timer);
      timer = window.setTimeout(writeNow, ADDRESS_DELAY_MS);
    };
    const onHidden = () => {
      if (document.visibilityState === 'hidden') saveNow();
    };
    follow();
    const unsubscribe = live.subscribe(follow);
    window.addEventListener('pagehide', saveNow);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
      window.removeEventListener('pagehide', saveNow);
      document.removeEventListener('visibilitychange', onHidden);
      saveNow();
    };
  }, [live, form]);
}

/**
 * The documents appear in a render of their own, just after the step's: the
 * first paint's work comes in two shorter tasks instead of one long one, so
 * the page answers input sooner (Lighthouse's total blocking time about a
 * third lower: docs/performance.md). The grid keeps their column meanwhile.
 */
function DeferredDocuments() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    startTransition(() => {
      setReady(true);
    });
  }, []);
  return ready ? <DocumentsPanel /> : null;
}

/**
 * On a phone the documents come after the whole form: a bar that stays in
 * view takes the reader to either in one tap (scrolling, so no history entry
 * is written), and the documents keep following the answers meanwhile.
 */
const PhoneSwitch = memo(function PhoneSwitch() {
  const jump = (id: string) => {
    const target = document.getElementById(id);
    target?.scrollIntoView({ block: 'start' });
    target?.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  };
  return (
    <Box
      component="nav"
      aria-label="Questions or policies"
      sx={{
        display: { xs: 'flex', md: 'none' },
        position: 'fixed',
        insetInline: 0,
        bottom: 0,
        zIndex: 'appBar',
        gap: 1,
        justifyContent: 'center',
        p: 1,
        bgcolor: 'background.paper',
        borderTop: 1,
        borderColor: 'divider',
      }}
    >
      <Button
        variant="outlined"
        size="small"
        onClick={() => {
          jump('questions');
        }}
      >
        Questions
      </Button>
      <Button
        variant="outlined"
        size="small"
        onClick={() => {
          jump('policies');
        }}
      >
        Policies
      </Button>
    </Box>
  );
});

/** The notices' heading: they come from the link, from this tab's kept answers, or both. */
function noticeHeading(notices: readonly LinkNotice[]): string {
  const fromTab = notices.filter((notice) => notice.param === TAB_NOTICE).length;
  if (fromTab === 0) return 'Parts of this link were not used:';
  return fromTab === notices.length
    ? 'Parts of the answers this tab kept were not used:'
    : 'Parts of this link and of the answers this tab kept were not used:';
}

/** For each step, whether it can be opened (the steps before it are valid). */
function reachableOf({ values, findings }: LiveState): boolean[] {
  return reachableSteps(values, findings);
}

function sameFlags(a: readonly boolean[], b: readonly boolean[]): boolean {
  return a.length === b.length && a.every((flag, index) => flag === b[index]);
}

/**
 * One step of the bar. The Stepper adds `index` and `last`; the step
 * re-renders only when its own state changes, so a keystroke that opens the
 * next step redraws that step alone.
 */
const NavStep = memo(function NavStep({
  id,
  label,
  current,
  reachable,
  completed,
  onGo,
  ...stepProps
}: {
  id: StepId;
  label: string;
  current: boolean;
  reachable: boolean;
  completed: boolean;
  onGo: (step: StepId) => void;
  index?: number;
  last?: boolean;
}) {
  return (
    <Step {...stepProps} completed={completed} disabled={!reachable}>
      <StepNavButton
        disabled={!reachable}
        aria-current={current ? 'step' : undefined}
        onClick={() => {
          if (!current) onGo(id);
        }}
      >
        {label}
        {/* Read by screen readers, not shown: the tick says it on screen. */}
        {completed ? <Box sx={visuallyHidden}> (completed)</Box> : null}
      </StepNavButton>
    </Step>
  );
});

/**
 * Smaller step names on phones, and the bar reaching into the card's padding:
 * at 360 px five steps share about 300 px, less than "Operations" or
 * "Encryption" need in the body size, which then run together.
 *
 * A step that can be opened but is neither the current one nor done shows its
 * number in a ring of the primary colour and its name in the main text
 * colour; a step that cannot be opened yet keeps MUI's grey disc and the
 * secondary text colour.
 */
const STEP_BAR = {
  mx: { xs: -1.5, sm: 0 },
  '& .MuiStepLabel-label': {
    fontSize: { xs: '0.6875rem', sm: '0.875rem' },
    letterSpacing: { xs: '-0.02em', sm: 'normal' },
  },
  // Rounded like the other buttons, focus outline included.
  '& .MuiStepButton-root': { borderRadius: 1 },
  '& .MuiStepButton-root:not(.Mui-disabled)': {
    '& .MuiStepLabel-label': { color: 'text.primary' },
    '& .MuiStepIcon-root:not(.Mui-active):not(.Mui-completed)': {
      color: 'primary.main',
      // The circle fills the icon's box: drawn at 11/12 of its size, its 2 px
      // ring stays inside.
      '& circle': {
        fill: 'transparent',
        stroke: 'currentColor',
        strokeWidth: 24 / 11,
        transform: 'scale(0.9167)',
        transformOrigin: 'center',
      },
      '& .MuiStepIcon-text': { fill: 'currentColor' },
    },
  },
} as const;

/**
 * The steps, each opened from here once the steps before it are valid. It
 * re-renders when the step or which steps can be opened changes, not on every
 * keystroke (the live slice keeps its array while the flags stay the same).
 * Which steps can be opened is not urgent: a keystroke that changes it shows
 * its letter and documents first, and the step bar in a render of its own
 * just after (useDeferredValue), instead of all in one longer task.
 */
const StepNavigation = memo(function StepNavigation({
  index,
  onGo,
}: {
  index: number;
  onGo: (step: StepId) => void;
}) {
  const reachable = useDeferredValue(useLive(reachableOf, sameFlags));
  return <StepBar index={index} onGo={onGo} reachable={reachable} />;
});

const StepBar = memo(function StepBar({
  index,
  onGo,
  reachable,
}: {
  index: number;
  onGo: (step: StepId) => void;
  reachable: readonly boolean[];
}) {
  return (
    <Box component="nav" aria-label="Wizard steps" sx={{ mb: 3 }}>
      <Stepper nonLinear alternativeLabel activeStep={index} sx={STEP_BAR}>
        {STEPS.map((item, itemIndex) => (
          <NavStep
            key={item.id}
            id={item.id}
            label={item.label}
            current={itemIndex === index}
            reachable={reachable[itemIndex] === true}
            // Done: a step before this one whose next step can be opened.
            completed={itemIndex < index && reachable[itemIndex + 1] === true}
            onGo={onGo}
          />
        ))}
      </Stepper>
    </Box>
  );
});

export function Wizard() {
  const [initial] = useState(readInitialState);
  const form = useForm<Answers>({
    defaultValues: initial.values,
    resolver: zodResolver(answersSchema),
    mode: 'onTouched',
  });
  // useForm re-renders this component once it is ready, in the same task as
  // the first paint; the memo keeps that re-render to this one line.
  return <WizardView form={form} initial={initial} />;
}

const WizardView = memo(function WizardView({
  form,
  initial,
}: {
  form: UseFormReturn<Answers>;
  initial: InitialState;
}) {
  const [live] = useState(() => createLiveAnswers(form));
  const [step, setStep] = useState<StepId>(initial.step);
  const [notices, setNotices] = useState(initial.notices);
  const [status, setStatus] = useState('');
  /** Whether the Start over dialog is open; `undefined` until it is first asked for. */
  const [confirmingStartOver, setConfirmingStartOver] = useState<boolean>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef(false);

  // The rest of the code loads in the background once the page is idle after
  // its first load, or as soon as the user starts answering, whichever comes
  // first: Next is then instant, and the page keeps working offline. A load
  // that fails here is tried again by the part that needs it.
  useEffect(() => {
    const events = ['pointerdown', 'keydown', 'focusin'] as const;
    let cancelIdle: () => void = () => undefined;
    const stopWaiting = () => {
      for (const name of events) window.removeEventListener(name, load, true);
      window.removeEventListener('load', whenIdle);
      cancelIdle();
    };
    function load() {
      stopWaiting();
      for (const prefetch of [
        prefetchSteps,
        StartOverDialog.preload,
        prefetchExplanations,
        prefetchCompanions,
      ]) {
        prefetch().catch(() => undefined);
      }
    }
    function whenIdle() {
      // Safari has no requestIdleCallback: a short timer after the load event there.
      if (typeof window.requestIdleCallback === 'function') {
        const idle = window.requestIdleCallback(load, { timeout: 2000 });
        cancelIdle = () => {
          window.cancelIdleCallback(idle);
        };
      } else {
        const timer = setTimeout(load, 200);
        cancelIdle = () => {
          clearTimeout(timer);
        };
      }
    }
    for (const name of events) window.addEventListener(name, load, true);
    if (document.readyState === 'complete') whenIdle();
    else window.addEventListener('load', whenIdle, { once: true });
    return stopWaiting;
  }, []);

  // Answers restored from this tab's draft may be invalid: show why at once.
  useEffect(() => {
    if (live.getState().findings.length > 0) void form.trigger();
  }, [form, live]);

  // Back and Forward move between steps; the answers stay as they are now,
  // so a step they do not let be opened yet gives way to the first step that
  // still needs answers.
  useEffect(() => {
    const onPopState = () => {
      const wanted = stepNamedInAddress();
      const next = openableStep(wanted, reachableOf(live.getState()));
      focusHeading.current = true;
      setStep(next);
      setStatus(
        next === wanted
          ? ''
          : `${lockedStepReason(wanted)}; this is the first step that still needs answers.`,
      );
      writeState(form.getValues(), next, 'replace');
    };
    window.addEventListener('popstate', onPopState);
    return () => {
      window.removeEventListener('popstate', onPopState);
    };
  }, [form, live]);

  /** An answer to focus once its step is open (Review's "Fill in" links). */
  const focusField = useRef<AnswerField | undefined>(undefined);
  useEffect(() => {
    const field = focusField.current;
    if (field !== undefined) {
      focusField.current = undefined;
      focusHeading.current = false;
      form.setFocus(field);
    } else if (focusHeading.current) {
      focusHeading.current = false;
      headingRef.current?.focus();
    }
  }, [step, form]);

  const goTo = useCallback(
    (next: StepId) => {
      writeState(form.getValues(), next, 'push');
      focusHeading.current = true;
      setStatus('');
      setStep(next);
    },
    [form],
  );

  const index = stepIndex(step);
  const current = STEPS[index] ?? STEPS[0];

  const goNext = async () => {
    const fields: AnswerField[] = [...current.fields];
    const valid = fields.length === 0 || (await form.trigger(fields));
    const missing = current.required.filter((field) => form.getValues(field) === '');
    for (const field of missing) {
      form.setError(field, { type: 'required', message: current.requiredMessages[field] });
    }
    if (!valid || missing.length > 0) {
      // Touched fields are checked again as they change, so each message
      // follows the correction (focus stays in the field: there was no blur).
      for (const field of fields) {
        form.setValue(field, form.getValues(field), { shouldTouch: true });
      }
      const firstBad = fields.find(
        (field) => form.getFieldState(field).invalid || missing.includes(field),
      );
      if (firstBad !== undefined) form.setFocus(firstBad);
      setStatus('Some answers in this step need attention before you go on.');
      return;
    }
    const next = STEPS[index + 1];
    if (next) goTo(next.id);
  };

  const startOver = () => {
    clearTabAnswers();
    form.reset({ ...DEFAULT_ANSWERS });
    setNotices([]);
    // Back must not bring the answers back: the history entries this page
    // wrote are replaced by the bare address.
    forgetWrittenHistory(() => {
      focusHeading.current = true;
      setStep('operations');
      setStatus('All answers cleared.');
    });
  };

  const StepBody = current.Component;
  const openField = useCallback(
    (field: AnswerField) => {
      const owner = STEPS.find((candidate) => candidate.fields.includes(field));
      if (!owner) return;
      focusField.current = field;
      goTo(owner.id);
    },
    [goTo],
  );

  useAddressSync(live, form, step);

  return (
    <LiveAnswersContext value={live}>
      {notices.length > 0 ? (
        <Notice
          severity="warning"
          role="alert"
          onDismiss={() => {
            setNotices([]);
          }}
        >
          <Typography sx={{ fontWeight: 600 }}>{noticeHeading(notices)}</Typography>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {notices.map((notice) => (
              <li key={notice.param + notice.message}>
                <code>{notice.param}</code>: {notice.message}
              </li>
            ))}
          </Box>
        </Notice>
      ) : null}
      <EditionGapWarning form={form} />
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'minmax(0, 5fr) minmax(0, 6fr)' },
          gap: { xs: 2, md: 3 },
          alignItems: 'start',
        }}
      >
        <Paper id="questions" variant="outlined" sx={{ p: { xs: 1.5, sm: 3 } }}>
          <StepNavigation index={index} onGo={goTo} />
          <form
            noValidate
            aria-labelledby="step-heading"
            onSubmit={(event) => {
              event.preventDefault();
              void goNext();
            }}
          >
            <Typography
              component="h2"
              variant="h2"
              id="step-heading"
              ref={headingRef}
              tabIndex={-1}
              sx={{ mb: 2, '&:focus': { outline: 'none' } }}
            >
              {current.heading}
            </Typography>
            <Suspense fallback={<Typography color="textSecondary">Loading this step…</Typography>}>
              <StepBody form={form} onOpenField={openField} />
            </Suspense>
            <Box
              sx={{
                display: 'flex',
                flexWrap: 'wrap',
                alignItems: 'center',
                columnGap: 2,
                rowGap: 1,
                mt: 3,
              }}
            >
              <Box sx={{ display: 'flex', gap: 1 }}>
                <Button
                  variant="outlined"
                  disabled={index === 0}
                  onMouseDown={keepFocus}
                  onClick={() => {
                    const previous = STEPS[index - 1];
                    if (previous) goTo(previous.id);
                  }}
                >
                  Back
                </Button>
                {index < STEPS.length - 1 ? (
                  // Validating on blur can change the height of the field's help
                  // text; a press that moved focus would let Next slide away
                  // from under the pointer before the click.
                  <Button variant="contained" type="submit" onMouseDown={keepFocus}>
                    Next
                  </Button>
                ) : null}
              </Box>
              {/*
               * On phones a row of its own, the same on every step: the text
               * buttons reach into the padding so their words line up with
               * the edges of Back and of the form. Wider, at the row's end.
               */}
              <Box
                sx={{
                  display: 'flex',
                  justifyContent: 'space-between',
                  gap: 1,
                  flexBasis: { xs: 'calc(100% + 16px)', sm: 'auto' },
                  ml: { xs: -1, sm: 'auto' },
                  mr: { xs: -1, sm: 0 },
                }}
              >
                <Button
                  onClick={() => {
                    const url = shareUrl(shareSearch(form.getValues(), step));
                    void copyText(url).then((copied) => {
                      setStatus(
                        copied
                          ? 'Copied the share link.'
                          : 'Your browser did not allow copying; copy the link from the address bar.',
                      );
                    });
                  }}
                >
                  Copy share link
                </Button>
                <Button
                  color="error"
                  aria-haspopup="dialog"
                  onClick={() => {
                    setConfirmingStartOver(true);
                  }}
                >
                  Start over
                </Button>
              </Box>
            </Box>
            <Typography role="status" variant="body2" sx={{ mt: 1, minHeight: '1.5em' }}>
              {status}
            </Typography>
          </form>
        </Paper>
        <Box id="policies" sx={{ minWidth: 0 }}>
          <DeferredDocuments />
        </Box>
      </Box>
      <PhoneSwitch />
      {confirmingStartOver === undefined ? null : (
        <Suspense fallback={null}>
          <StartOverDialog
            open={confirmingStartOver}
            onCancel={() => {
              setConfirmingStartOver(false);
            }}
            onConfirm={() => {
              setConfirmingStartOver(false);
              startOver();
            }}
          />
        </Suspense>
      )}
    </LiveAnswersContext>
  );
});
