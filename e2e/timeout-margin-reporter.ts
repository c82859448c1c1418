/**
 * Prints, after the run, how close the slowest tests came to their timeouts. A test that
 * passes in more than half its timeout is one busy machine away from failing: the run's last
 * lines name it, so its timeout can be sized on purpose (or the test made cheaper) before it
 * flakes. It never fails the run: passing or failing stays the tests' business.
 */
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** How many of the closest tests the summary lists. */
const SHOWN = 5;
/** The share of its timeout a passing test may use and still be called safe. */
const LIMIT = 0.5;

interface Margin {
  title: string;
  duration: number;
  timeout: number;
}

export default class TimeoutMarginReporter implements Reporter {
  private readonly margins: Margin[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    // test.timeout is the timeout the test ran under, test.setTimeout included; 0 is none.
    if (result.status !== 'passed' || test.timeout === 0) return;
    this.margins.push({
      title: test.titlePath().slice(2).join(' › '),
      duration: result.duration,
      timeout: test.timeout,
    });
  }

  onEnd(): void {
    if (this.margins.length === 0) return;
    const closest = [...this.margins]
      .sort((a, b) => b.duration / b.timeout - a.duration / a.timeout)
      .slice(0, SHOWN);
    const over = this.margins.filter((margin) => margin.duration > margin.timeout * LIMIT);
    console.log(`\nClosest to their timeouts (${String(this.margins.length)} passed tests):`);
    for (const { title, duration, timeout } of closest) {
      const share = Math.round((duration / timeout) * 100);
      console.log(
        `  ${String(share).padStart(3)} %  ${(duration / 1000).toFixed(1)} of ${String(timeout / 1000)} s  ${title}`,
      );
    }
    console.log(
      over.length === 0
        ? `Every passed test took at most ${String(LIMIT * 100)} % of its timeout.`
        : `${String(over.length)} passed test(s) took more than ${String(LIMIT * 100)} % of their timeout: size it on purpose or make the test cheaper.`,
    );
  }
}
