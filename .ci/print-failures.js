// Prints why each failed test failed, from the Jest JSON and TAP files given,
// so the end of a CI log (often all that is kept) says what broke.
// Usage: node .ci/print-failures.js artifacts/jest.json artifacts/e2e.tap ...
const fs = require('fs');

const MAX_LINES = 40;

function clip(lines) {
  return lines.length > MAX_LINES
    ? [
        ...lines.slice(0, MAX_LINES),
        `  … ${lines.length - MAX_LINES} more lines`,
      ]
    : lines;
}

function fromJest(file) {
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const suite of report.testResults) {
    const failed = suite.assertionResults.filter(a => a.status === 'failed');
    if (suite.status === 'failed' && failed.length === 0) {
      console.log(`\n✗ ${suite.name}`);
      console.log(clip((suite.message || '').split('\n')).join('\n'));
    }
    for (const assertion of failed) {
      console.log(`\n✗ ${suite.name} › ${assertion.fullName}`);
      console.log(
        clip(assertion.failureMessages.join('\n').split('\n')).join('\n'),
      );
    }
  }
}

// A failed TAP test is its "not ok" line and the YAML block under it.
function fromTap(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    const failed = line.match(/^(\s*)not ok /);
    if (!failed) return;
    const indent = failed[1].length;
    const block = [];
    for (const next of lines.slice(i + 1)) {
      const depth = next.match(/^\s*/)[0].length;
      if (next.trim() === '' || depth <= indent) break;
      block.push(next);
      if (next.trim() === '...' && depth === indent + 2) break;
    }
    console.log(`\n✗ ${file}: ${line.trim()}`);
    console.log(clip(block).join('\n'));
  });
}

for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) continue;
  try {
    if (file.endsWith('.json')) fromJest(file);
    else fromTap(file);
  } catch (e) {
    console.log(`(could not read ${file}: ${e.message})`);
  }
}
