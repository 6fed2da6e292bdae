#!/usr/bin/env node
/*
 * Runs every benchmark of the repo in turn and prints one table of all their
 * figures: measured, goal, and whether the goal is met. Each benchmark
 * writes its rows to artifacts/bench/<name>.json; this script only runs
 * them and merges the rows. It exits 0 when every benchmark ran, whether
 * or not each goal is met (a missed goal is a row saying so); it exits 1
 * when a benchmark could not run to its end.
 *
 *   yarn bench              run everything, print the table
 *   yarn bench --print      print the table of the last run without running
 *   yarn bench --print --markdown   that table in Markdown (for docs/benchmarks.md)
 *
 * Sizes: IDP_BENCH_DATABASES, IDP_BENCH_BURST_DATABASES, IDP_BENCH_BURST,
 * IDP_BENCH_TABLES, IDP_BENCH_DELAY_MS, IDP_BENCH_FOLDERS (see the docs).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(ROOT, 'artifacts', 'bench');

/**
 * The packages whose `bench` script runs their benchmarks (every
 * bench/*.bench.ts, in one Jest run per package), and the result files,
 * in the order their rows are printed.
 */
const PACKAGES = [
  '@jppol-idp/backstage-plugin-idp-postgres-backend',
  '@jppol-idp/backstage-plugin-scaffolder-backend-module-idp-postgres',
];
const BENCHES = ['status', 'inventory', 'throttling', 'scaffolder'];

function run() {
  fs.rmSync(RESULTS, { recursive: true, force: true });
  const failed = [];
  for (const workspace of PACKAGES) {
    process.stdout.write(`\n== benchmarks of ${workspace} ==\n`);
    const started = Date.now();
    const result = spawnSync('yarn', ['workspace', workspace, 'bench'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: process.env,
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    process.stdout.write(`== ${workspace}: ${seconds} s ==\n`);
    if (result.status !== 0) failed.push(workspace);
  }
  return failed;
}

function readResults() {
  return BENCHES.map(name => {
    const file = path.join(RESULTS, `${name}.json`);
    return fs.existsSync(file)
      ? JSON.parse(fs.readFileSync(file, 'utf8'))
      : { bench: name, complete: false, rows: [], missing: true };
  });
}

function metText(met) {
  if (met === true) return 'yes';
  if (met === false) return 'NO';
  return '';
}

function table(results, markdown) {
  const header = ['figure', 'measured', 'goal', 'met?'];
  const lines = [];
  for (const result of results) {
    if (result.missing) {
      lines.push([`(${result.bench} benchmark: no results)`, '', '', 'NO']);
      continue;
    }
    for (const row of result.rows) {
      lines.push([row.figure, row.measured, row.goal, metText(row.met)]);
    }
    if (!result.complete) {
      lines.push([`(${result.bench} benchmark stopped early)`, '', '', 'NO']);
    }
  }
  const all = [header, ...lines];
  const widths = header.map((_, c) =>
    markdown ? 0 : Math.max(...all.map(r => r[c].length)),
  );
  const format = r =>
    `| ${r
      .map((cell, c) => cell.replace(/\|/g, '\\|').padEnd(widths[c]))
      .join(' | ')} |`;
  const rule = `|${widths.map(w => '-'.repeat(Math.max(w, 3) + 2)).join('|')}|`;
  return [format(header), rule, ...lines.map(format)].join('\n');
}

function main() {
  const args = process.argv.slice(2);
  const failed = args.includes('--print') ? [] : run();
  const results = readResults();
  const dates = results.filter(r => r.date).map(r => r.date);
  process.stdout.write(
    `\nIDP PostgreSQL benchmarks${
      dates.length ? `, ${dates.sort()[0].slice(0, 10)}` : ''
    } (times vary by machine: read ratios and counts)\n\n`,
  );
  process.stdout.write(`${table(results, args.includes('--markdown'))}\n\n`);
  const missed = table(results, true)
    .split('\n')
    .filter(line => line.endsWith('| NO |')).length;
  if (missed > 0) {
    process.stdout.write(
      `${missed} goal(s) not met: see the rows marked NO.\n`,
    );
  }
  if (failed.length > 0) {
    process.stdout.write(
      `Benchmarks that did not run to the end: ${failed.join(', ')}.\n`,
    );
    process.exit(1);
  }
}

main();
