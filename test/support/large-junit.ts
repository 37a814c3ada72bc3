/**
 * A JUnit XML report of `count` test cases in the shape pytest writes (`--junit-xml`, xunit2):
 * one suite, cases named `test_case_0001` onwards (zero-padded, so sorting by name keeps the
 * file's order), ten to a module, every tenth failing with pytest's message and trace.
 */
export function largeJunit(count: number): Uint8Array<ArrayBuffer> {
  const width = String(count).length;
  const cases: string[] = [];
  let failures = 0;
  for (let index = 1; index <= count; index += 1) {
    const name = `test_case_${String(index).padStart(width, '0')}`;
    const classname = `tests.test_module_${Math.ceil(index / 10)}`;
    if (index % 10 === 0) {
      failures += 1;
      cases.push(
        `<testcase classname="${classname}" name="${name}" time="0.004">` +
          `<failure message="assert ${index} == 0">def ${name}():\n&gt;       assert ${index} == 0\n` +
          `E       assert ${index} == 0\n\ntests/test_module.py:${index}: AssertionError</failure></testcase>`,
      );
    } else cases.push(`<testcase classname="${classname}" name="${name}" time="0.001" />`);
  }
  const xml =
    '<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests">' +
    `<testsuite name="pytest" errors="0" failures="${failures}" skipped="0" tests="${count}" ` +
    'time="1.5" timestamp="2026-11-26T17:32:37.022951+00:00" hostname="ci">' +
    cases.join('') +
    '</testsuite></testsuites>';
  return new TextEncoder().encode(xml);
}
