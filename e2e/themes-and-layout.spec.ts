/**
 * How the page looks: it follows the system's colour scheme until Light or Dark
 * is chosen, and a saved choice colours the page from its first paint; text,
 * disabled options and steps that cannot be opened yet are in the right
 * colours; and the layout holds from a phone to a wide screen (no sideways
 * scrolling, names and commands never split, nothing moving while typing).
 */
import type { Locator, Page } from '@playwright/test';

import {
  applyInstructions,
  buildCompanionDocuments,
  buildPolicies,
  PERSONALIZE_REGIONS,
} from '../src/policy';
import {
  ACCOUNT,
  drawnLines,
  expect,
  fullAnswers,
  horizontalOverflow,
  KEY,
  linesOfWords,
  ONE_KEY,
  ONE_KEY_LINK,
  PRIMARY_COLOURS,
  showScheme,
  STEP_LABELS,
  subPathUrl,
  test,
  TEXT_COLOURS,
  watchForTrouble,
  type AnswersInput,
} from './fixtures';

test.describe('colour themes', () => {
  for (const scheme of ['light', 'dark'] as const) {
    const { primary, secondary } = TEXT_COLOURS[scheme];
    test(`descriptions and reasons are in the secondary text colour (${scheme})`, async ({
      wizard,
      page,
    }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await wizard.open();
      // The colour of every element with this text, once all `count` are shown.
      const colors = async (text: string | RegExp, count = 1) => {
        const matches = page.getByText(text, { exact: true });
        await expect(matches).toHaveCount(count);
        return new Set(
          await matches.evaluateAll((elements) =>
            elements.map((element) => getComputedStyle(element).color),
          ),
        );
      };
      expect(await colors('Dataset import jobs')).toEqual(new Set([primary]));
      expect(await colors(/^Read your training data/)).toEqual(new Set([secondary]));
      // Both documents: the key policy and the IAM policy are not needed yet.
      expect(await colors(/^Not needed\. /, 2)).toEqual(new Set([secondary]));
    });
  }

  test('follows the system and can be switched, and the choice is kept', async ({
    wizard,
    page,
  }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await wizard.open();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const darkBackground = await background();
    const themes = page.getByRole('group', { name: 'Colour theme' });
    await expect(themes.getByRole('button', { name: 'System' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await themes.getByRole('button', { name: 'Light' }).click();
    await expect(themes.getByRole('button', { name: 'Light' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const lightBackground = await background();
    expect(lightBackground).not.toBe(darkBackground);
    await page.reload();
    await expect(themes.getByRole('button', { name: 'Light' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(await background()).toBe(lightBackground);
  });

  test('a disabled option’s label looks disabled, and its description stays readable', async ({
    wizard,
    page,
  }) => {
    await wizard.open();
    const option = wizard.operation('batch-segment');
    await expect(option).toBeDisabled();
    await expect(option).toHaveAccessibleDescription(/Choose the current AWS guide below/);
    const colour = (text: string | RegExp) =>
      page.getByText(text, { exact: true }).evaluate((element) => getComputedStyle(element).color);
    for (const scheme of ['light', 'dark'] as const) {
      const { disabled, secondary } = TEXT_COLOURS[scheme];
      await showScheme(page, scheme);
      await expect.poll(() => colour('Batch segment jobs')).toBe(disabled);
      expect(await colour(/^Read input from the S3 bucket and write user segments/)).toBe(
        secondary,
      );
    }
  });
});

/** How a step's number and label are drawn. */
function stepLook(button: Locator) {
  return button.evaluate((element) => {
    const icon = element.querySelector('.MuiStepIcon-root');
    const circle = icon?.querySelector('circle');
    const label = element.querySelector('.MuiStepLabel-label');
    if (!icon || !circle || !label) throw new Error('A step without its icon or label');
    const iconStyle = getComputedStyle(icon);
    const circleStyle = getComputedStyle(circle);
    return {
      icon: iconStyle.color,
      fill: circleStyle.fill,
      stroke: circleStyle.stroke,
      label: getComputedStyle(label).color,
    };
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`a step that cannot be opened yet is disabled and looks it (${scheme})`, async ({
    wizard,
    page,
  }) => {
    await wizard.open('?v=1&ops=import&enc=bucket');
    await showScheme(page, scheme);
    // Colours are read at once, not halfway through MUI's colour transitions.
    await page.addStyleTag({
      content: '*, *::before, *::after { transition: none !important; }',
    });
    await wizard.expectStep('operations');
    const open = wizard.stepButton('Service role');
    const locked = wizard.stepButton('Review');
    await expect(open).toBeEnabled();
    await expect(locked).toBeDisabled();

    const openLook = await stepLook(open);
    const lockedLook = await stepLook(locked);
    // A step that can be opened: its number in a ring of the primary colour.
    expect(openLook.icon).toBe(PRIMARY_COLOURS[scheme]);
    expect(openLook.stroke).toBe(PRIMARY_COLOURS[scheme]);
    expect(lockedLook.icon).not.toBe(PRIMARY_COLOURS[scheme]);
    expect(lockedLook.stroke).not.toBe(PRIMARY_COLOURS[scheme]);
    expect(lockedLook.label).not.toBe(openLook.label);

    // Once the role is answered, Review looks like a step that can be opened.
    await wizard.goToStep('role');
    await wizard.fillRole({ accountId: ACCOUNT, roleName: 'PersonalizeRole' });
    await expect(locked).toBeEnabled();
    expect(await stepLook(locked)).toEqual(openLook);
  });
}

// The Light or Dark choice saved by the colour switch colours index.html's header from the first
// paint, before the app's code runs, whatever the system scheme; System, junk or no storage at all
// leave the system in charge.

type Scheme = 'light' | 'dark';

const OTHER: Record<Scheme, Scheme> = { light: 'dark', dark: 'light' };

/** The colour switch's button for each choice. */
const LABEL: Record<Scheme, string> = { light: 'Light', dark: 'Dark' };

/** The header as index.html colours it (the same colours as the app's theme). */
const HEADER = {
  light: {
    classes: 'light',
    // What scrollbars and form controls follow.
    scheme: 'light',
    page: 'rgb(246, 247, 249)',
    title: TEXT_COLOURS.light.primary,
    intro: TEXT_COLOURS.light.secondary,
    link: PRIMARY_COLOURS.light,
  },
  dark: {
    classes: 'dark',
    scheme: 'dark',
    page: 'rgb(18, 20, 23)',
    title: TEXT_COLOURS.dark.primary,
    intro: TEXT_COLOURS.dark.secondary,
    link: PRIMARY_COLOURS.dark,
  },
} as const;

/** What the header looks like now, and the classes and colour scheme of <html>. */
function header(page: Page) {
  return page.evaluate(() => {
    const style = (selector: string) => {
      const element = document.querySelector(selector);
      if (!element) throw new Error(`No ${selector} on the page`);
      return getComputedStyle(element);
    };
    return {
      classes: document.documentElement.className,
      scheme: style('html').colorScheme,
      page: style('html').backgroundColor,
      title: style('.page-header h1').color,
      intro: style('.page-header p').color,
      link: style('.page-header a').color,
    };
  });
}

/** Loads the page again with the app's code held back: only index.html and what it loads itself run. */
async function reloadWithoutApp(page: Page): Promise<void> {
  await page.route('**/assets/*.js', (route) => route.abort());
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Colour theme' })).toHaveCount(0);
}

/** The app at the root, or the same build under a sub-path. */
function placeUrl(baseURL: string | undefined, place: 'root' | 'sub-path'): string {
  return place === 'root' ? new URL(baseURL ?? '').href : subPathUrl(baseURL);
}

/** Opens the app with this system scheme and saves a choice with the colour switch. */
async function saveChoice(page: Page, url: string, system: Scheme, choice: string): Promise<void> {
  await page.emulateMedia({ colorScheme: system });
  await page.goto(url);
  const button = page
    .getByRole('group', { name: 'Colour theme' })
    .getByRole('button', { name: choice, exact: true });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
}

for (const place of ['root', 'sub-path'] as const) {
  for (const chosen of ['light', 'dark'] as const) {
    const system = OTHER[chosen];
    test(`(${place}) the saved ${chosen} choice colours the header before the app starts, with the system ${system}`, async ({
      page,
      baseURL,
    }) => {
      await saveChoice(page, placeUrl(baseURL, place), system, LABEL[chosen]);
      const trouble = watchForTrouble(page);
      await reloadWithoutApp(page);
      expect(await header(page)).toEqual(HEADER[chosen]);
      expect(trouble.errors).toEqual([]);

      // Once the app starts, it keeps the same colours and logs nothing.
      await page.unrouteAll();
      const started = watchForTrouble(page);
      await page.reload();
      await expect(page.getByRole('button', { name: LABEL[chosen], exact: true })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      expect(await header(page)).toEqual(HEADER[chosen]);
      expect(started.console).toEqual([]);
      expect(trouble.errors).toEqual([]);
    });
  }
}

test.describe('the system scheme stays in charge', () => {
  for (const system of ['light', 'dark'] as const) {
    test(`with System or junk saved, the header follows the system (${system})`, async ({
      page,
      baseURL,
    }) => {
      await saveChoice(page, placeUrl(baseURL, 'root'), system, 'System');
      const trouble = watchForTrouble(page);
      await reloadWithoutApp(page);
      expect(await header(page)).toEqual({ ...HEADER[system], classes: '', scheme: 'normal' });

      // MUI keeps the mode under this key ('light', 'dark' or 'system').
      for (const junk of ['Light', ' dark', 'null', '', '{"mode":"dark"}', '</script>']) {
        await page.evaluate((value) => {
          localStorage.setItem('mui-mode', value);
        }, junk);
        await page.reload();
        expect(await header(page), `mui-mode ${JSON.stringify(junk)}`).toEqual({
          ...HEADER[system],
          classes: '',
          scheme: 'normal',
        });
      }
      expect(trouble.errors).toEqual([]);
    });
  }

  test('a junk scheme name under a saved choice falls back to the choice itself', async ({
    page,
    baseURL,
  }) => {
    await saveChoice(page, placeUrl(baseURL, 'root'), 'dark', 'Light');
    const trouble = watchForTrouble(page);
    await page.evaluate(() => {
      localStorage.setItem('mui-color-scheme-light', 'purple');
    });
    await reloadWithoutApp(page);
    expect(await header(page)).toEqual(HEADER.light);
    expect(trouble.errors).toEqual([]);
  });

  test('storage that cannot be read leaves the system in charge, with no error', async ({
    page,
    baseURL,
  }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    // As with storage blocked by the browser's settings: reading it throws.
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The storage is blocked.', 'SecurityError');
        },
      });
    });
    const trouble = watchForTrouble(page);
    await page.route('**/assets/*.js', (route) => route.abort());
    await page.goto(placeUrl(baseURL, 'root'));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(
      await page.evaluate(() => {
        try {
          return typeof localStorage;
        } catch (error) {
          return (error as Error).name;
        }
      }),
    ).toBe('SecurityError');
    expect(await header(page)).toEqual({ ...HEADER.dark, classes: '', scheme: 'normal' });
    expect(trouble.errors).toEqual([]);
  });
});

/** Every step answered, with separate keys: the most documents and the longest names. */
const FILLED = `?v=1&ops=import,batch-inference&enc=bucket,dataset-group&keys=separate&account=${ACCOUNT}&role=PersonalizeRole&path=/service-role/&key=${KEY}`;

/**
 * The horizontal space between neighbouring step names in the step bar, from
 * the text itself (not its box, which the text can overflow).
 */
async function stepNameGaps(page: Page): Promise<number[]> {
  const names = Object.values(STEP_LABELS);
  return page.getByRole('navigation', { name: 'Wizard steps' }).evaluate((nav, labels) => {
    const extents = labels.map((label) => {
      const walker = document.createTreeWalker(nav, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.textContent !== label) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rects = [...range.getClientRects()];
        return {
          left: Math.min(...rects.map((rect) => rect.left)),
          right: Math.max(...rects.map((rect) => rect.right)),
        };
      }
      throw new Error(`no step named ${label}`);
    });
    return extents.flatMap((extent, index) => {
      const previous = extents[index - 1];
      return previous === undefined ? [] : [extent.left - previous.right];
    });
  }, names);
}

/** How many lines each element's text is drawn on, with its text, measured in one go. */
function linesOfEach(elements: Locator): Promise<{ text: string; lines: number }[]> {
  return elements.evaluateAll((nodes) =>
    nodes.map((node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      const tops = [...range.getClientRects()]
        .filter((rect) => rect.width > 0)
        .map((rect) => Math.round(rect.top));
      return { text: node.textContent, lines: new Set(tops).size };
    }),
  );
}

/** The marks' words, their boxes' widths, and the words wider than their box's content. */
async function markColumns(
  marks: Locator,
): Promise<{ words: string[]; widths: number[]; overflowing: string[] }> {
  const measured = await marks.evaluateAll((nodes) =>
    nodes.map((node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      const style = getComputedStyle(node);
      const content =
        node.getBoundingClientRect().width -
        parseFloat(style.borderLeftWidth) -
        parseFloat(style.paddingLeft) -
        parseFloat(style.paddingRight);
      return {
        word: node.textContent,
        width: Math.round(node.getBoundingClientRect().width),
        overflows: range.getBoundingClientRect().width > content,
      };
    }),
  );
  return {
    words: measured.map((mark) => mark.word),
    widths: measured.map((mark) => mark.width),
    overflowing: measured.filter((mark) => mark.overflows).map((mark) => mark.word),
  };
}

// One page, resized: each width and step is checked without loading the page again.
test('the layout holds from 360 to 1600 px on every step: no horizontal scrolling, step names apart, check marks on one line', async ({
  wizard,
  page,
}) => {
  // Twenty layouts (four steps at five widths): on a busy two-core machine a resize and its
  // re-render take up to about 1.5 s.
  test.setTimeout(60_000);
  const widths = [360, 390, 768, 1280, 1600];
  await wizard.open(FILLED);
  // Each check's mark (OK, Check, Fix, Answer) on Review.
  const marks = wizard
    .reviewSection('Before you apply')
    .getByRole('listitem')
    .locator('span:first-child');
  for (const step of ['operations', 'encryption', 'role', 'review'] as const) {
    await wizard.goToStep(step);
    if (step === 'review') await expect(marks.first()).toBeVisible();
    for (const width of widths) {
      await page.setViewportSize({ width, height: 800 });
      const where = `${step} at ${width} px`;
      expect(await horizontalOverflow(page), `horizontal overflow on ${where}`).toBeLessThanOrEqual(
        0,
      );
      for (const gap of await stepNameGaps(page)) {
        expect(gap, `gap between two step names on ${where}`).toBeGreaterThanOrEqual(4);
      }
      if (step === 'review') {
        // Each mark is one word on one line.
        for (const mark of await linesOfEach(marks)) {
          expect(mark.lines, `lines of the mark "${mark.text}" at ${width} px`).toBe(1);
        }
        // And each fits its column, the longest (Answer) too, so the messages beside them line up.
        const columns = await markColumns(marks.filter({ hasText: /^(OK|Check|Fix|Answer)$/ }));
        expect(columns.words, `the marks at ${width} px`).toContain('Answer');
        expect(new Set(columns.widths).size, `mark column widths at ${width} px`).toBe(1);
        expect(columns.overflowing, `marks wider than their column at ${width} px`).toEqual([]);
      }
    }
  }
});

/** Every command the Review step gives, in order: the builder's, for each needed document. */
function expectedCommands(input: AnswersInput): string[] {
  const answers = fullAnswers(input);
  const documents = [
    ...buildPolicies(answers).documents,
    ...buildCompanionDocuments(answers),
  ].filter((document) => document.needed);
  return documents.flatMap((document) => {
    const how = applyInstructions(document, answers);
    return [...how.cli, ...(how.then ?? []).flatMap((step) => step.commands)];
  });
}

test('on Review at 360 and 1280 px, each AWS CLI command is whole in its own block and wraps instead of being cut off, and region and hyphenated names are not split', async ({
  wizard,
  page,
}) => {
  await wizard.open(ONE_KEY_LINK);
  const steps = wizard.reviewSection('How to apply them');
  const checks = wizard.reviewSection('Before you apply');
  await expect(steps.locator('pre').first()).toBeVisible();
  await expect(checks.getByText(/No region given/)).toBeVisible();
  const words = [
    'current-bucket-policy.json',
    'put-key-policy',
    'update-assume-role-policy',
    'attach-role-policy',
  ];
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    const blocks = await steps.locator('pre').all();
    const texts = await Promise.all(blocks.map(async (block) => (await block.textContent()) ?? ''));
    expect(texts).toEqual(expectedCommands(ONE_KEY));
    // Each command wraps inside its block instead of being cut off.
    const cut = await steps
      .locator('pre')
      .evaluateAll((pres) =>
        pres.filter((pre) => pre.scrollWidth > pre.clientWidth).map((pre) => pre.textContent),
      );
    expect(cut, `commands cut off at ${width} px`).toEqual([]);

    const regions = await linesOfWords(checks, PERSONALIZE_REGIONS.aws);
    expect(new Set(regions.map((region) => region.word))).toEqual(new Set(PERSONALIZE_REGIONS.aws));
    for (const region of regions) expect(region.lines, `${region.word} at ${width} px`).toBe(1);
    const names = await linesOfWords(steps, words);
    expect(new Set(names.map((name) => name.word))).toEqual(new Set(words));
    for (const name of names) expect(name.lines, `${name.word} at ${width} px`).toBe(1);
  }
});

test('Copy share link and Start over stay on one row at 360 px', async ({ wizard, page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  for (const link of [
    '?v=1',
    `?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&key=${KEY}&step=review`,
  ]) {
    await wizard.open(link);
    const copy = await page.getByRole('button', { name: 'Copy share link' }).boundingBox();
    const startOver = await wizard.startOverButton().boundingBox();
    const back = await wizard.backButton().boundingBox();
    if (!copy || !startOver || !back) throw new Error('A button is not shown');
    expect(startOver.y, link).toBe(copy.y);
    expect(copy.y, link).toBeGreaterThan(back.y);
  }
});

test('the link notice’s Dismiss stays on one line at 360 px', async ({ wizard, page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await wizard.open('?v=1&ops=import,hack&account=12&role=x%20y&path=nope&region=moon');
  const notice = wizard.linkNotice();
  await expect(notice).toBeVisible();
  const dismiss = notice.getByRole('button', { name: 'Dismiss' });
  expect(await drawnLines(dismiss)).toBe(1);
  // The notice's own text still wraps inside it, beside the button.
  const fits = await notice.evaluate((element) => element.scrollWidth <= element.clientWidth);
  expect(fits).toBe(true);
  await dismiss.click();
  await expect(notice).toHaveCount(0);
});

// The form's controls at a phone's and a desktop's width: checkbox labels and descriptions that
// never run into each other, help that never breaks a path, examples that fit their field, and a
// form that stays still while a role ARN is typed.
const FORM_WIDTHS = [360, 1280] as const;

/** A text's line boxes, top to bottom, as the page draws them. */
interface Line {
  top: number;
  bottom: number;
}

interface CheckboxLayout {
  label: string;
  /** The drawn box (the checkbox icon). */
  box: Line;
  labelLines: Line[];
  descriptionLines: Line[];
}

/** Where each checkbox's box, label text and description text are drawn. */
function checkboxLayouts(page: Page): Promise<CheckboxLayout[]> {
  return page.getByRole('checkbox').evaluateAll((inputs) => {
    const lines = (root: Element): Line[] => {
      const found: Line[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        if ((node.textContent ?? '').trim() === '') continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) {
          if (rect.width > 0) found.push({ top: rect.top, bottom: rect.bottom });
        }
      }
      return found.sort((a, b) => a.top - b.top);
    };
    return inputs.map((input) => {
      const label = input.closest('label');
      const description = document.getElementById(input.getAttribute('aria-describedby') ?? '');
      const icon = label?.querySelector('svg');
      if (!label || !description || !icon) throw new Error('A checkbox without its parts');
      const box = icon.getBoundingClientRect();
      return {
        label: label.textContent,
        box: { top: box.top, bottom: box.bottom },
        labelLines: lines(label),
        descriptionLines: lines(description),
      };
    });
  });
}

/** Every checkbox's box is level with its label's first line, and its description below the label. */
async function expectCheckboxesLaidOut(page: Page): Promise<void> {
  const layouts = await checkboxLayouts(page);
  expect(layouts.length).toBeGreaterThan(0);
  for (const layout of layouts) {
    const first = layout.labelLines[0];
    const last = layout.labelLines.at(-1);
    const description = layout.descriptionLines[0];
    if (!first || !last || !description) throw new Error(`${layout.label}: no text drawn`);
    const boxMiddle = (layout.box.top + layout.box.bottom) / 2;
    const firstLineMiddle = (first.top + first.bottom) / 2;
    expect(
      Math.abs(boxMiddle - firstLineMiddle),
      `${layout.label}: the box is level with the label's first line`,
    ).toBeLessThanOrEqual(2);
    expect(
      description.top,
      `${layout.label}: the description starts below the label's last line`,
    ).toBeGreaterThanOrEqual(last.bottom);
  }
}

function guideCheckbox(page: Page): Locator {
  return page.getByRole('checkbox', { name: /^Follow the current AWS guide/ });
}

/** The space between the operations help and the guide checkbox's label below it. */
function guideGap(page: Page): Promise<number> {
  return page.evaluate(() => {
    const help = document.getElementById('operations-help');
    const guide = document.getElementById('answer-guide')?.closest('label');
    if (!help || !guide) throw new Error('No operations help or guide checkbox');
    const range = document.createRange();
    range.selectNodeContents(help);
    const helpBottom = Math.max(...[...range.getClientRects()].map((rect) => rect.bottom));
    const labelRange = document.createRange();
    labelRange.selectNodeContents(guide);
    const guideTop = Math.min(
      ...[...labelRange.getClientRects()].filter((r) => r.width > 0).map((r) => r.top),
    );
    return guideTop - helpBottom;
  });
}

test('checkbox labels are level with their box and never run into their description; the guide checkbox stands apart from the help above it', async ({
  wizard,
  page,
}) => {
  const atEachWidth = async (check: () => Promise<void>) => {
    for (const width of FORM_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await test.step(`at ${width} px`, check);
    }
  };
  await wizard.open();
  await expect(guideCheckbox(page)).toBeVisible();
  await atEachWidth(async () => {
    await expectCheckboxesLaidOut(page);
    expect(await guideGap(page)).toBeGreaterThanOrEqual(16);
  });
  await guideCheckbox(page).check();
  await atEachWidth(() => expectCheckboxesLaidOut(page));
  await wizard.next();
  await wizard.expectStep('encryption');
  // The step's code loads lazily: measure its checkboxes once they are shown.
  await expect(wizard.datasetGroupEncryptedCheckbox()).toBeVisible();
  await atEachWidth(() => expectCheckboxesLaidOut(page));
});

test('the role path help never breaks a path at its hyphen, and the key ARN example fits in its field', async ({
  wizard,
  page,
}) => {
  await wizard.open('?v=1&ops=import&enc=bucket&step=encryption');
  const field = wizard.exactField('Bucket key ARN');
  const fit = () =>
    field.evaluate((element) => {
      const input = element as HTMLInputElement;
      const style = getComputedStyle(input);
      const context = document.createElement('canvas').getContext('2d');
      if (!context) throw new Error('No canvas');
      context.font = style.font;
      const room =
        input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return {
        example: input.placeholder,
        width: context.measureText(input.placeholder).width,
        room,
      };
    });
  for (const width of FORM_WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const example = await fit();
    expect(example.example).toMatch(/^e\.g\. arn:aws:kms:/);
    expect(example.width, `"${example.example}" fits at ${width} px`).toBeLessThanOrEqual(
      example.room,
    );
  }

  await wizard.goToStep('role');
  const help = page.locator('#answer-rolePath-help');
  await expect(help).toHaveText(
    '/ for most roles; roles made in the Personalize console usually use /service-role/.',
  );
  for (const width of FORM_WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    expect(await linesOfWords(help, ['/service-role/']), `at ${width} px`).toEqual([
      { word: '/service-role/', lines: 1 },
    ]);
  }
});

for (const width of FORM_WIDTHS) {
  test(`typing a role ARN does not move the fields below it (${width} px)`, async ({
    wizard,
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await wizard.open('?v=1&ops=import&enc=bucket&step=role');
    // The page itself notes where the account field is after every change React makes to the
    // page (each keystroke's render and any deferred one after it), and the browser reports
    // any layout shift inside the form: no round trip per keystroke.
    const fields = [
      await wizard.accountField().elementHandle(),
      await wizard.roleArnField().elementHandle(),
    ] as const;
    await page.evaluate(([account, arn]) => {
      const form = account.closest('form');
      if (!form || !(account instanceof HTMLInputElement) || !(arn instanceof HTMLInputElement)) {
        throw new Error('No account or role ARN field in a form');
      }
      const before = account.getBoundingClientRect().top;
      const moved: string[] = [];
      const shifts: string[] = [];
      const changes = { seen: 0 };
      new MutationObserver(() => {
        changes.seen += 1;
        const top = account.getBoundingClientRect().top;
        if (top !== before) moved.push(`${arn.value}: ${top - before} px`);
      }).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as {
          sources: { node: Node | null }[];
        }[]) {
          for (const { node } of entry.sources) {
            const element = node instanceof Element ? node : node?.parentElement;
            if (element?.closest('form')) shifts.push(element.outerHTML.slice(0, 80));
          }
        }
      }).observe({ type: 'layout-shift' });
      Object.assign(window, { formMoves: { moved, shifts, changes } });
    }, fields);
    await wizard.roleArnField().click();
    // A slip (a space in the name) and its correction, one key at a time.
    await page.keyboard.type(`arn:aws:iam::${ACCOUNT}:role/service-role/Personalize Role`);
    for (let left = ' Role'.length; left > 0; left -= 1) await page.keyboard.press('Backspace');
    await page.keyboard.type('Role');
    await expect(wizard.accountField()).toHaveValue(ACCOUNT);
    await expect(wizard.roleNameField()).toHaveValue('PersonalizeRole');
    // Two frames later, the browser has reported any shift of the form.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    const { moved, shifts, changes } = await page.evaluate(
      () =>
        (
          window as unknown as {
            formMoves: { moved: string[]; shifts: string[]; changes: { seen: number } };
          }
        ).formMoves,
    );
    expect(changes.seen, 'changes to the page while the ARN was typed').toBeGreaterThan(0);
    expect(moved, 'the account field moved while the ARN was typed').toEqual([]);
    expect(shifts, 'parts of the form that moved').toEqual([]);
  });
}

test('on a phone, the policies are one tap away on every step and follow the answers', async ({
  wizard,
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await wizard.open(`?v=1&ops=import&enc=bucket&account=${ACCOUNT}&step=role`);
  const bar = page.getByRole('navigation', { name: 'Questions or policies' });
  const policies = page.getByRole('heading', { name: 'Your policies', level: 2 });
  await expect(policies).not.toBeInViewport();
  await bar.getByRole('button', { name: 'Policies' }).click();
  await expect(policies).toBeInViewport();
  await bar.getByRole('button', { name: 'Questions' }).click();
  await expect(wizard.stepHeading()).toBeInViewport();
  await wizard.roleNameField().fill('PhoneRole');
  await bar.getByRole('button', { name: 'Policies' }).click();
  await expect(policies).toBeInViewport();
  await expect(page.getByText(/role\/PhoneRole/).first()).toBeVisible();
  for (const step of ['operations', 'encryption', 'review'] as const) {
    await bar.getByRole('button', { name: 'Questions' }).click();
    await wizard.goToStep(step);
    await expect(bar).toBeVisible();
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(bar).toBeHidden();
});

for (const width of [360, 1280]) {
  test(`before the script runs the page shows a loading line, and nothing moves when the app replaces it (${width} px)`, async ({
    page,
    wizard,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    // Every layout shift from the first paint on, as the browser reports it.
    await page.addInitScript(() => {
      const shifts: string[] = [];
      Object.assign(window, { startShifts: shifts });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as {
          value: number;
          sources: { node: Node | null }[];
        }[]) {
          const nodes = entry.sources.map(({ node }) => {
            const element = node instanceof Element ? node : node?.parentElement;
            return element?.outerHTML.slice(0, 80) ?? '(gone)';
          });
          shifts.push(`${entry.value.toFixed(4)}: ${nodes.join(' | ')}`);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    // The app's code is held back until the loading line has been seen.
    const gate: { open?: () => void } = {};
    const held = new Promise<void>((resolve) => {
      gate.open = resolve;
    });
    await page.route('**/assets/index-*.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('./', { waitUntil: 'commit' });
    const loading = page.getByRole('status').filter({ hasText: 'Loading the questions…' });
    await expect(loading).toBeVisible();
    const header = page.locator('header');
    const headerBefore = await header.boundingBox();
    gate.open?.();

    await expect(wizard.operation('import')).toBeEnabled();
    await expect(page.getByRole('heading', { name: 'Your policies', level: 2 })).toBeVisible();
    await expect(loading).toHaveCount(0);
    // Two frames later, the browser has reported any shift.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    expect(await header.boundingBox()).toEqual(headerBefore);
    const shifts = await page.evaluate(
      () => (window as unknown as { startShifts: string[] }).startShifts,
    );
    expect(shifts, 'layout shifts from the first paint until the app is up').toEqual([]);
  });
}
