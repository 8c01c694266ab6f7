#!/usr/bin/env node
// `npx gongkai …`: the command line, run from the TypeScript sources through tsx. Under `npm test`
// the runner compiled the sources once (scripts/compile-tests.mjs) and says where in
// GK_TEST_JS_DIR: the same command then runs from that JavaScript, without loader hooks.
const compiled = process.env.NODE_ENV === 'test' ? process.env.GK_TEST_JS_DIR : undefined;
if (compiled) {
  const { pathToFileURL } = await import('node:url');
  await import(pathToFileURL(`${compiled}/src/cli.ts.js`).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
