// Mail addresses as users write them in kapacitor.conf and handler options: a bare address
// (`oncall@example.com`) or a display name with the address in angle brackets
// (`On call <oncall@example.com>`), the two forms Go's mail.ParseAddress (behind gomail)
// accepts. Addresses are ASCII (domains in punycode); a display name may be any text
// without line breaks and is encoded when the header is written.

export interface Mailbox {
  /** The display name, '' when none was given. */
  name: string;
  /** The addr-spec, `local@domain`: what goes into MAIL FROM / RCPT TO. */
  address: string;
}

const show = (v: string): string => JSON.stringify(v);

/** RFC 5322 atext: the characters of an unquoted local part. */
const dotAtom = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
/** A quoted local part: printable ASCII, with `"` and `\` escaped. */
const quotedLocal = /^"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"$/;
const domainLabel = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const domainLiteral = /^\[[\x21-\x5a\x5e-\x7e]+\]$/;
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const controlChars = /[\u0000-\u001f\u007f]/;

/** What is wrong with `local@domain`, or undefined. */
export function addrSpecProblem(address: string): string | undefined {
  if (address.length > 254) return `is longer than 254 characters`;
  // eslint-disable-next-line no-control-regex -- non-ASCII is what this looks for
  if (/[^\x00-\x7f]/.test(address))
    return `must be ASCII (write an international domain in punycode, xn--...), got ${show(address)}`;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1)
    return `must be an address like user@example.com, got ${show(address)}`;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64) return `has a part before @ longer than 64 characters`;
  if (!dotAtom.test(local) && !quotedLocal.test(local))
    return `has an invalid part before @ in ${show(address)}`;
  if (domainLiteral.test(domain)) return undefined;
  const labels = domain.split('.');
  if (!labels.every((l) => domainLabel.test(l))) return `has an invalid domain in ${show(address)}`;
  return undefined;
}

/**
 * Parse `addr` or `Display Name <addr>`. Returns the mailbox, or a string saying what is
 * wrong (quoting the input, which is never a secret).
 */
export function parseMailbox(text: string): Mailbox | string {
  if (controlChars.test(text))
    return `must not contain line breaks or control characters, got ${show(text)}`;
  const trimmed = text.trim();
  if (trimmed === '') return 'must not be empty';
  const open = trimmed.lastIndexOf('<');
  if (open === -1 && !trimmed.includes('>')) {
    const problem = addrSpecProblem(trimmed);
    return problem ?? { name: '', address: trimmed };
  }
  if (open === -1 || !trimmed.endsWith('>'))
    return `must be an address or "Name <address>", got ${show(text)}`;
  const address = trimmed.slice(open + 1, -1);
  const problem = addrSpecProblem(address);
  if (problem !== undefined) return problem;
  let name = trimmed.slice(0, open).trim();
  if (/^".*"$/s.test(name)) name = name.slice(1, -1).replace(/\\(.)/g, '$1');
  if (/[<>]/.test(name)) return `has "<" or ">" in its display name, in ${show(text)}`;
  return { name, address };
}

/** The problem with an address as a config or option value, or undefined. */
export function mailboxProblem(text: string): string | undefined {
  const parsed = parseMailbox(text);
  return typeof parsed === 'string' ? parsed : undefined;
}
