// @vitest-environment jsdom
import { act, fireEvent, render, renderHook, screen, within } from '@testing-library/react';
import { useForm } from 'react-hook-form';
import { describe, expect, it } from 'vitest';

import { buildPolicies, DEFAULT_ANSWERS, salvageAnswers, type Answers } from '../policy';
import { createLiveAnswers, LiveAnswersContext } from '../state/live-answers';
import { LiveDocuments } from './LiveDocuments';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** The panel as the wizard shows it: a real form, and live answers that follow it. */
function setup() {
  const { result } = renderHook(() =>
    useForm<Answers>({
      defaultValues: { ...DEFAULT_ANSWERS, operations: ['import'], bucketEncrypted: true },
    }),
  );
  const form = result.current;
  const live = createLiveAnswers(form);
  render(
    <LiveAnswersContext value={live}>
      <LiveDocuments />
    </LiveAnswersContext>,
  );
  return form;
}

/** The text the builder makes for this document of the form's (valid) values. */
function builtText(values: Answers, title: string, statementOnly = false): string {
  const document = buildPolicies(salvageAnswers(values).answers).documents.find(
    (candidate) => candidate.title === title,
  );
  if (!document?.needed) throw new Error(`The builder makes no ${title} for these answers`);
  return statementOnly && document.statementOnly ? document.statementOnly.json : document.json;
}

/** The text of the document's pre (named "<title> JSON" or "<title>, statement only JSON"). */
function shownText(title: string): string | null {
  const pre = screen.getByRole('region', { name: title }).querySelector('pre');
  if (!pre) throw new Error(`${title} shows no text`);
  return pre.textContent;
}

describe('the documents panel', () => {
  it('shows the builder’s text after each change, across the statement-only switch and a change of layout', () => {
    const form = setup();
    const title = 'KMS key policy';
    const expectShown = (statementOnly = false) => {
      expect(shownText(title)).toBe(builtText(form.getValues(), title, statementOnly));
    };
    expectShown();

    // Typing, one keystroke at a time, including values that are invalid half-way.
    let account = '';
    for (const digit of '111122223333') {
      account += digit;
      act(() => {
        form.setValue('accountId', account);
      });
      expectShown();
    }
    act(() => {
      form.setValue('roleName', 'Importer');
    });
    expectShown();
    expect(shownText(title)).toContain('arn:aws:iam::111122223333:role/Importer');

    // The statement alone, then more typing.
    fireEvent.click(
      within(screen.getByRole('region', { name: title })).getByRole('switch', {
        name: /^Statement only/,
      }),
    );
    expectShown(true);
    act(() => {
      form.setValue('roleName', 'Importer2');
    });
    expectShown(true);
    act(() => {
      form.setValue('keyArn', KEY);
    });
    expectShown(true);
    expect(
      within(screen.getByRole('region', { name: title })).getByLabelText(
        `${title}, statement only JSON`,
      ),
    ).toHaveTextContent(builtText(form.getValues(), title, true), { normalizeWhitespace: false });

    // A change of layout: separate keys for the bucket and the dataset group.
    act(() => {
      form.setValue('datasetGroupEncrypted', true);
      form.setValue('keys', 'separate');
    });
    const bucket = 'KMS key policy (bucket key)';
    const datasetGroup = 'KMS key policy (dataset group key)';
    expect(shownText(bucket)).toBe(builtText(form.getValues(), bucket));
    expect(shownText(datasetGroup)).toBe(builtText(form.getValues(), datasetGroup));
    act(() => {
      form.setValue('roleName', 'Importer3');
    });
    expect(shownText(bucket)).toBe(builtText(form.getValues(), bucket));
    expect(shownText(bucket)).toContain('role/Importer3');
    expect(shownText(datasetGroup)).toBe(builtText(form.getValues(), datasetGroup));

    // And back to one key.
    act(() => {
      form.setValue('keys', 'same');
    });
    const both = 'KMS key policy';
    act(() => {
      form.setValue('roleName', 'Importer4');
    });
    expect(shownText(both)).toBe(builtText(form.getValues(), both));
    expect(shownText(both)).toContain('role/Importer4');
  });
});
