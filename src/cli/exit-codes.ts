// Exit codes of the `condenser` command (in their own module so command modules can use
// them without importing the program that registers them).

export const EXIT_OK = 0;
/** The server (or the input the command read) said no. */
export const EXIT_REFUSED = 1;
/** Bad command line: unknown command or flag, missing or extra argument. */
export const EXIT_USAGE = 2;
