/**
 * How the form's controls are laid out and what they show before an answer:
 * checkbox labels and descriptions that never run into each other, a disabled
 * option that looks disabled, examples that cannot be taken for answers, a
 * form that stays still while a role ARN is typed, help that never breaks a
 * path, and optional fields that say which documents need them.
 */
import type { Locator, Page } from '@playwright/test';

import { ACCOUNT, expect, linesOfWords, test, TEXT_COLOURS, type WizardPage } from './fixtures';

const WIDTHS = [360, 1280] as const;

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

const GUIDE_LABEL = /^Follow the current AWS guide/;

function guideCheckbox(page: Page): Locator {
  return page.getByRole('checkbox', { name: GUIDE_LABEL });
}

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.beforeEach(async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
    });

    test('checkbox labels are level with their box and never run into their description', async ({
      wizard,
      page,
    }) => {
      await wizard.open();
      await expect(guideCheckbox(page)).toBeVisible();
      await expectCheckboxesLaidOut(page);
      await guideCheckbox(page).check();
      await expectCheckboxesLaidOut(page);
      await wizard.next();
      await wizard.expectStep('encryption');
      // The step's code loads lazily: measure its checkboxes once they are shown.
      await expect(wizard.datasetGroupEncryptedCheckbox()).toBeVisible();
      await expectCheckboxesLaidOut(page);
    });

    test('the guide checkbox stands apart from the operations help above it', async ({
      wizard,
      page,
    }) => {
      await wizard.open();
      await expect(guideCheckbox(page)).toBeVisible();
      const gap = await page.evaluate(() => {
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
      expect(gap).toBeGreaterThanOrEqual(16);
    });

    test('the role path help never breaks a path at its hyphen', async ({ wizard, page }) => {
      await wizard.open('?v=1&ops=import&enc=bucket&step=role');
      const help = page.locator('#answer-rolePath-help');
      await expect(help).toHaveText(
        '/ for most roles; roles made in the Personalize console usually use /service-role/.',
      );
      expect(await linesOfWords(help, ['/service-role/'])).toEqual([
        { word: '/service-role/', lines: 1 },
      ]);
    });

    test('typing a role ARN does not move the fields below it', async ({ wizard, page }) => {
      await wizard.open('?v=1&ops=import&enc=bucket&step=role');
      const accountTop = () =>
        wizard.accountField().evaluate((element) => element.getBoundingClientRect().top);
      const before = await accountTop();
      const moved: string[] = [];
      const check = async () => {
        const top = await accountTop();
        const typed = await wizard.roleArnField().inputValue();
        if (top !== before) moved.push(`${typed}: ${top - before} px`);
      };
      // Shifts a later render would make are caught too: the browser reports them.
      await page.evaluate(() => {
        const shifts: string[] = [];
        (window as unknown as { formShifts: string[] }).formShifts = shifts;
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
      });
      await wizard.roleArnField().click();
      // A slip (a space in the name) and its correction, one key at a time.
      for (const key of `arn:aws:iam::${ACCOUNT}:role/service-role/Personalize Role`) {
        await page.keyboard.type(key);
        await check();
      }
      for (let left = ' Role'.length; left > 0; left -= 1) {
        await page.keyboard.press('Backspace');
        await check();
      }
      for (const key of 'Role') {
        await page.keyboard.type(key);
        await check();
      }
      await expect(wizard.accountField()).toHaveValue(ACCOUNT);
      await expect(wizard.roleNameField()).toHaveValue('PersonalizeRole');
      expect(moved, 'the account field moved while the ARN was typed').toEqual([]);
      // Two frames later, the browser has reported any shift of the form.
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
      const shifts = await page.evaluate(
        () => (window as unknown as { formShifts: string[] }).formShifts,
      );
      expect(shifts, 'parts of the form that moved').toEqual([]);
    });

    test('the key ARN example fits in its field', async ({ wizard }) => {
      await wizard.open(`?v=1&ops=import&enc=bucket&step=encryption`);
      const field = wizard.exactField('Bucket key ARN');
      const fit = await field.evaluate((element) => {
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
      expect(fit.example).toMatch(/^e\.g\. arn:aws:kms:/);
      expect(fit.width, `"${fit.example}" fits`).toBeLessThanOrEqual(fit.room);
    });
  });
}

test('a disabled option’s label looks disabled, and its description stays readable', async ({
  wizard,
  page,
}) => {
  for (const scheme of ['light', 'dark'] as const) {
    const { disabled, secondary } = TEXT_COLOURS[scheme];
    await page.emulateMedia({ colorScheme: scheme });
    await wizard.open();
    const option = wizard.operation('batch-segment');
    await expect(option).toBeDisabled();
    const colour = (text: string | RegExp) =>
      page.getByText(text, { exact: true }).evaluate((element) => getComputedStyle(element).color);
    await expect.poll(() => colour('Batch segment jobs')).toBe(disabled);
    expect(await colour(/^Read input from the S3 bucket and write user segments/)).toBe(secondary);
    await expect(option).toHaveAccessibleDescription(/Choose the current AWS guide below/);
  }
});

async function openEmptyRoleStepWithErrors(wizard: WizardPage): Promise<void> {
  await wizard.open('?v=1&ops=import&enc=bucket&step=role');
  await wizard.next();
  await wizard.expectFieldError(wizard.accountField(), /^Enter the 12-digit ID/);
}

test('empty required fields show an example, never what reads like an answer', async ({
  wizard,
}) => {
  await openEmptyRoleStepWithErrors(wizard);
  for (const field of [wizard.accountField(), wizard.roleNameField()]) {
    await expect(field).toHaveValue('');
    await expect(field).toHaveAttribute('placeholder', /^e\.g\. \S/);
  }
  await expect(wizard.accountField()).toHaveAttribute('placeholder', 'e.g. 111122223333');
  await expect(wizard.roleNameField()).toHaveAttribute('placeholder', 'e.g. PersonalizeRole');
});

test('the bucket name and region say which documents need them', async ({ wizard, page }) => {
  await wizard.open('?v=1&ops=import&enc=bucket&step=encryption');
  const bucket = wizard.field(/^S3 bucket name/);
  await expect(bucket).toHaveAccessibleName('S3 bucket name (for the S3 policies)');
  await expect(bucket).toHaveAccessibleDescription(
    /The S3 access and bucket policies need it; the KMS policies do not\./,
  );
  await wizard.goToStep('role');
  // Found by the start of its name, so the whole name is checked below.
  const region = page.getByRole('combobox', { name: /^Region/ });
  await expect(region).toHaveAccessibleName('Region (for the trust policy)');
  await expect(region).toHaveAccessibleDescription(
    /The trust policy needs it; the KMS policies do not\./,
  );
});
