// Handler kind → the names its folder exports and the touch points refer to. A kind is the
// folder name under src/services/; it is all lower case, so camel case is the name itself.

/** Folder names that are handler kinds: `^[a-z][a-z0-9]*$`. */
export const kindPattern = /^[a-z][a-z0-9]*$/;

export interface HandlerNames {
  /** Folder, config section and object key: `foo`. */
  kind: string;
  camel: string;
  pascal: string;
  /** Exported by config.ts. */
  config: string;
  /** Class exported by service.ts. */
  service: string;
  /** Exported by handler.ts. */
  handler: string;
  /** Exported by tick.ts. */
  tick: string;
}

export function isKindName(name: string): boolean {
  return kindPattern.test(name);
}

export function handlerNames(kind: string): HandlerNames {
  if (!isKindName(kind)) {
    throw new Error(`"${kind}" is not a handler kind name (lower-case letters and digits)`);
  }
  const camel = kind;
  const pascal = kind.charAt(0).toUpperCase() + kind.slice(1);
  return {
    kind,
    camel,
    pascal,
    config: `${camel}Config`,
    service: `${pascal}Service`,
    handler: `${camel}Handler`,
    tick: `${camel}Tick`,
  };
}
