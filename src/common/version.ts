// The host's version: X-Kapacitor-Version, /debug/vars and `condenser version`. A module of
// its own so the CLI can print it without loading the server.

export const version = '0.1.0';
