// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import { useForm } from 'react-hook-form';
import { describe, expect, it } from 'vitest';

import { DEFAULT_ANSWERS, type Answers } from '../policy';
import { createLiveAnswers } from './live-answers';
import { reachableSteps } from './step-rules';

/** The wizard's form, mounted as in the page, and live answers that follow it. */
function setup(values: Partial<Answers> = {}) {
  const { result } = renderHook(() =>
    useForm<Answers>({
      defaultValues: {
        ...DEFAULT_ANSWERS,
        operations: ['import'],
        bucketEncrypted: true,
        ...values,
      },
    }),
  );
  const form = result.current;
  return { form, live: createLiveAnswers(form) };
}

describe('the live answers', () => {
  it('check the form’s values, and keep the result while nothing changes', () => {
    const { live } = setup({ accountId: '111122223333', roleName: 'Importer' });
    const state = live.getState();
    expect(state.answers).toMatchObject({ accountId: '111122223333', roleName: 'Importer' });
    expect(live.getState()).toBe(state);
  });

  it('check again, while nobody listens, when the chosen operations change', () => {
    const { form, live } = setup({ datasetGroupEncrypted: true });
    const before = live.getState();
    form.setValue('operations', ['import', 'export']);
    const after = live.getState();
    expect(after).not.toBe(before);
    expect(after.answers).not.toBe(before.answers);
    expect(after.answers.operations).toEqual(['import', 'export']);
    expect(live.getState()).toBe(after);
  });

  it('do not check again, while nobody listens, for the same operations in a new list', () => {
    const { form, live } = setup({ datasetGroupEncrypted: true });
    const before = live.getState();
    // Export ticked and unticked again before anything looked: a new list, the same operations.
    form.setValue('operations', ['import', 'export']);
    form.setValue('operations', ['import']);
    expect(live.getState()).toBe(before);
  });

  it('tell every listener of a change, and then show it', () => {
    const { form, live } = setup({ accountId: '111122223333' });
    const calls: string[] = [];
    const stopA = live.subscribe(() => calls.push('a'));
    const stopB = live.subscribe(() => calls.push('b'));
    form.setValue('roleName', 'Typed');
    expect(calls).toEqual(['a', 'b']);
    expect(live.getState().answers.roleName).toBe('Typed');
    stopA();
    form.setValue('roleName', 'TypedAgain');
    expect(calls).toEqual(['a', 'b', 'b']);
    stopB();
  });

  it.each([
    ['before anyone listens', false],
    ['after the last listener left', true],
  ])('follow the values %s', (_when, listenedBefore) => {
    const { form, live } = setup({ accountId: '111122223333', roleName: 'First' });
    if (listenedBefore) {
      const stop = live.subscribe(() => undefined);
      stop();
    }
    expect(live.getState().answers.roleName).toBe('First');
    form.setValue('roleName', 'Second');
    expect(live.getState().answers.roleName).toBe('Second');
  });

  it('leave an invalid answer out of the answers and say why, and keep later steps closed', () => {
    const { form, live } = setup({ accountId: '111122223333', roleName: 'Good' });
    form.setValue('accountId', '1234');
    const state = live.getState();
    expect(state.values.accountId).toBe('1234');
    expect(state.answers.accountId).toBe(DEFAULT_ANSWERS.accountId);
    expect(state.findings.map((finding) => finding.path)).toEqual(['accountId']);
    // Operations, Encryption, Service role, Review, Check: the account is asked on the Service
    // role step. (what the step navigation computes from the live state)
    expect(reachableSteps(state.values, state.findings)).toEqual([true, true, true, false, false]);
  });

  it('keep the same answers, object and all, while the valid answers stay the same', () => {
    const { form, live } = setup({ roleName: 'Good' });
    const stop = live.subscribe(() => undefined);
    const before = live.getState();
    // A half-typed account ID is invalid: the answers keep the default meanwhile.
    form.setValue('accountId', '1');
    const typing = live.getState();
    expect(typing).not.toBe(before);
    expect(typing.values.accountId).toBe('1');
    expect(typing.answers).toBe(before.answers);
    form.setValue('accountId', '12');
    expect(live.getState().answers).toBe(before.answers);
    // A value set to what it already was.
    form.setValue('roleName', 'Good');
    expect(live.getState().answers).toBe(before.answers);
    // A valid change builds anew.
    form.setValue('roleName', 'Better');
    const changed = live.getState();
    expect(changed.answers).not.toBe(before.answers);
    expect(changed.answers.roleName).toBe('Better');
    stop();
  });
});
