// Loaded (`--import`) into every test-file process that `npm test` starts (scripts/test.mjs): when
// the process ends it writes what the file cost — wall time since the process started, and CPU
// time (user + system) of the process and of every child it waited for (the servers, CLI runs,
// LibreOffice and Java a test starts) — to GK_TEST_TIMING_DIR. The runner prints the slowest
// files of each phase from these. CPU is read from /proc/self/stat (utime, stime, cutime, cstime),
// so on a system without /proc it is the process's own only.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const dir = process.env.GK_TEST_TIMING_DIR;
// Only in a file's own process (the test runner marks its children), never in the runner itself.
if (dir && process.env.NODE_TEST_CONTEXT && process.argv[1]) {
  const file = process.argv[1];
  process.on('exit', () => {
    let cpuMs;
    try {
      // Fields after the command name, which is in parentheses and may hold spaces.
      const stat = readFileSync('/proc/self/stat', 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime, stime, cutime, cstime are fields 14–17 of proc(5), here 11–14; clock ticks of 10 ms
      // (USER_HZ is 100 on every Linux architecture Node runs on).
      cpuMs = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 10;
    } catch {
      const u = process.resourceUsage();
      cpuMs = (u.userCPUTime + u.systemCPUTime) / 1000;
    }
    const wallMs = performance.now();
    try {
      writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify({ file, cpuMs, wallMs }));
    } catch {
      /* the run's folder is gone: nothing to report */
    }
  });
}
