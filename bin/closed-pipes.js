// A reader that goes away (`condenser list tasks | head -1`, `npm run new-handler foo | head`)
// ends the command's output, not the command: Node would throw EPIPE from the next write as
// an uncaught error, with a stack trace, at whatever point the command had reached (a
// scaffolder commit included). Plain JavaScript: the launchers run it before anything is
// compiled; closed-pipes.d.ts gives TypeScript its types.

/** Output to a closed stdout or stderr is dropped; the command finishes and exits as it would. */
export function dropOutputToClosedPipes() {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err) => {
      if (err?.code !== 'EPIPE' && err?.code !== 'ERR_STREAM_DESTROYED') throw err;
    });
  }
}
