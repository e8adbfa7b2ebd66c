// The consumer checks' runner (node-imports.mjs, react/check.mjs): each check prints "ok" or "FAIL" with the first
// lines of its error; done() prints "<title>: N passed, N failed" (package-check.mjs reads it) and exits 1 on a failure.

export function checks(title) {
  let failed = 0;
  let passed = 0;
  return {
    async check(label, fn) {
      try {
        await fn();
        passed++;
        console.log(`  ok   ${label}`);
      } catch (error) {
        failed++;
        console.log(
          `  FAIL ${label}\n       ${String(error?.stack ?? error)
            .split('\n')
            .slice(0, 6)
            .join('\n       ')}`,
        );
      }
    },
    done() {
      console.log(`${title}: ${passed} passed, ${failed} failed`);
      process.exit(failed ? 1 : 0);
    },
  };
}
