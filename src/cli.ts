// `npx gongkai <command>`: operations that do not need the web server. This file only dispatches
// and imports nothing at the top: `report check` loads the checker alone (it needs no database
// and no configuration, and its start-up is most of its time — docs/PERFORMANCE.md), every other
// command loads src/cli-commands.ts.

async function main(argv: string[]): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  // Before the configuration is read: this command must work with no database and no settings.
  if (cmd === 'report' && sub !== 'build' && sub !== 'import') {
    const { reportCheckCommand } = await import('./modules/annual-report/checker/index.ts');
    return reportCheckCommand(sub, rest);
  }
  const { runCommand } = await import('./cli-commands.ts');
  return runCommand(argv);
}

if (process.argv[1] && /(cli\.ts|gongkai(\.mjs)?)$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
