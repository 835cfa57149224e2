/** Output to a closed stdout or stderr is dropped; the command finishes and exits as it would. */
export function dropOutputToClosedPipes(): void;
