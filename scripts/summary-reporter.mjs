// A node:test reporter that counts honestly and hands the counts to scripts/test.mjs, which prints the closing line
// "N passed, N failed[, N skipped]" after the run ends, reconciled with the exit code.
// Counted: every test; a suite whose own code fails (a describe() that throws, an after() hook that throws) counts as
// one failed test under its name; a suite that failed only because tests inside it failed adds nothing (they are
// counted already), nor does a before() hook whose cancelled tests were counted.
import { writeFileSync } from 'node:fs';

/** Counts pass/fail/skip events and writes them, with the failing names, to $JIT_TEST_SUMMARY_FILE. */
export default async function* summary(source) {
  let passed = 0;
  let skipped = 0;
  const failures = [];
  const cancelledAt = new Set(); // nesting levels where tests were cancelled by their parent's failure
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { name, nesting, details, file } = event.data;
    const label = `${name}${file ? ` (${file})` : ''}`;
    if (details?.type === 'suite') {
      if (event.type !== 'test:fail') continue;
      const kind = details.error?.failureType;
      const childrenCounted = kind === 'subtestsFailed' || (kind === 'hookFailed' && cancelledAt.has(nesting + 1));
      cancelledAt.delete(nesting + 1);
      if (!childrenCounted) failures.push(`suite ${label}: ${details.error?.cause?.message ?? kind ?? 'failed'}`);
      continue;
    }
    if (event.type === 'test:fail') {
      if (details?.error?.failureType === 'cancelledByParent') cancelledAt.add(nesting);
      failures.push(label);
    } else if (event.data.skip || event.data.todo) skipped++;
    else passed++;
  }
  const out = process.env.JIT_TEST_SUMMARY_FILE;
  if (out) writeFileSync(out, JSON.stringify({ passed, failed: failures.length, skipped, failures }));
  else yield `\n${passed} passed, ${failures.length} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
}
