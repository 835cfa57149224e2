// The mail Kapacitor's smtp handler sends, byte for byte as gomail writes it: headers
// Mime-Version, Date, From, To, Subject, then the single text/html part in UTF-8,
// quoted-printable (Go's mime/quotedprintable), with header values RFC 2047 Q-encoded when
// they are not plain ASCII (Go's mime.QEncoding) and folded at 76 columns. The SMTP layer
// adds the final CRLF and the terminating dot, as Go's DATA writer does.

import { parseMailbox } from '../common/mailbox.js';
import { DeliveryError } from './errors.js';

export interface MailContent {
  /** The config's `from`: `addr` or `Name <addr>`. */
  from: string;
  /** Recipients, `addr` or `Name <addr>` each, written to the To header in this order. */
  to: readonly string[];
  /** The event's message. */
  subject: string;
  /** The event's details (already HTML: rendered by html/template). */
  html: string;
  /** The Date header; now by default. */
  date?: Date;
}

export interface FormattedMail {
  /** MAIL FROM and RCPT TO: the bare addresses, recipients without duplicates. */
  envelope: { from: string; to: string[] };
  /** Headers and quoted-printable body, CRLF line ends, no final CRLF. */
  raw: string;
}

const upperHex = '0123456789ABCDEF';
/** quotedprintable's lineMaxLen: 75 characters and the soft break's `=`. */
const qpLineMax = 76;

/** Go's mime/quotedprintable Writer (text mode: LF and CRLF become CRLF) over UTF-8 bytes. */
export function quotedPrintable(text: string): string {
  const input = Buffer.from(text, 'utf8');
  const out: string[] = [];
  const line: number[] = [];
  let cr = false;
  const flush = (): void => {
    out.push(String.fromCharCode(...line));
    line.length = 0;
  };
  const insertCRLF = (): void => {
    line.push(13, 10);
    flush();
  };
  const softBreak = (): void => {
    line.push(61);
    insertCRLF();
  };
  const encode = (b: number): void => {
    if (qpLineMax - 1 - line.length < 3) softBreak();
    line.push(61, upperHex.charCodeAt(b >> 4), upperHex.charCodeAt(b & 0x0f));
  };
  // A space or tab before a line break (or at the very end) is encoded so it survives.
  const checkLastByte = (): void => {
    const last = line[line.length - 1];
    if (last === 32 || last === 9) {
      line.pop();
      encode(last);
    }
  };
  for (const b of input) {
    const literal = (b >= 0x21 && b <= 0x7e && b !== 0x3d) || b === 32 || b === 9;
    if (b === 10 || b === 13) {
      if (cr && b === 10) {
        cr = false;
        continue;
      }
      if (b === 13) cr = true;
      checkLastByte();
      insertCRLF();
      continue;
    }
    if (!literal) {
      encode(b);
      continue;
    }
    if (line.length === qpLineMax - 1) softBreak();
    line.push(b);
    cr = false;
  }
  checkLastByte();
  if (line.length > 0) flush();
  return out.join('');
}

/** Go's mime needsEncoding: anything but printable ASCII and tab. */
function needsEncoding(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 || c > 0x7e) && c !== 0x09) return true;
  }
  return false;
}

/** "=?UTF-8?q?" + content + "?=" stays within 75 characters (RFC 2047). */
const maxQContent = 75 - '=?UTF-8?q?'.length - '?='.length;

/**
 * mime.QEncoding.Encode("UTF-8", s): `s` unchanged when it is plain ASCII, else encoded-words
 * of at most 75 characters, split between characters, separated by spaces.
 */
export function encodeHeaderWord(s: string): string {
  if (!needsEncoding(s)) return s;
  const words: string[] = [];
  let word = '';
  let wordLen = 0;
  for (const ch of s) {
    const bytes = Buffer.from(ch, 'utf8');
    const b = bytes[0]!;
    const plain =
      bytes.length === 1 && b >= 0x20 && b <= 0x7e && b !== 0x3d && b !== 0x3f && b !== 0x5f;
    const encLen = plain ? 1 : 3 * bytes.length;
    if (wordLen + encLen > maxQContent) {
      words.push(word);
      word = '';
      wordLen = 0;
    }
    if (plain) word += b === 0x20 ? '_' : ch;
    else for (const x of bytes) word += `=${upperHex[x >> 4]}${upperHex[x & 0x0f]}`;
    wordLen += encLen;
  }
  words.push(word);
  return words.map((w) => `=?UTF-8?q?${w}?=`).join(' ');
}

/** A mailbox for a header: as written when ASCII, else with its display name encoded. */
function headerMailbox(text: string): string {
  if (!needsEncoding(text)) return text;
  const mailbox = parseMailbox(text);
  if (typeof mailbox === 'string') return encodeHeaderWord(text);
  return mailbox.name === ''
    ? mailbox.address
    : `${encodeHeaderWord(mailbox.name)} <${mailbox.address}>`;
}

/** gomail's writeLine: fold at the last space within `charsLeft`, else at the next one. */
function foldOnce(s: string, charsLeft: number, out: string[]): string {
  const nl = s.indexOf('\n');
  if (nl !== -1 && nl < charsLeft) {
    out.push(s.slice(0, nl + 1));
    return s.slice(nl + 1);
  }
  for (let i = charsLeft - 1; i >= 0; i--) {
    if (s[i] === ' ') {
      out.push(s.slice(0, i), '\r\n ');
      return s.slice(i + 1);
    }
  }
  for (let i = 75; i < s.length; i++) {
    if (s[i] === ' ') {
      out.push(s.slice(0, i), '\r\n ');
      return s.slice(i + 1);
    }
    if (s[i] === '\n') {
      out.push(s.slice(0, i + 1));
      return s.slice(i + 1);
    }
  }
  out.push(s);
  return '';
}

/** gomail's writeHeader: `Name: v1, v2` folded at 76 columns, CRLF-terminated. */
export function formatHeader(name: string, values: readonly string[]): string {
  const out: string[] = [name];
  if (values.length === 0) return `${name}:\r\n`;
  out.push(': ');
  let charsLeft = 76 - name.length - 2;
  values.forEach((value, i) => {
    let s = value;
    if (charsLeft < 1) {
      out.push(i === 0 ? '\r\n ' : ',\r\n ');
      charsLeft = 75;
    } else if (i !== 0) {
      out.push(', ');
      charsLeft -= 2;
    }
    while (s.length > charsLeft) {
      s = foldOnce(s, charsLeft, out);
      charsLeft = 75;
    }
    out.push(s);
    const nl = s.lastIndexOf('\n');
    charsLeft = nl !== -1 ? 75 - (s.length - nl - 1) : charsLeft - s.length;
  });
  out.push('\r\n');
  return out.join('');
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** Go's time.RFC1123Z in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`. */
export function formatMailDate(date: Date): string {
  return (
    `${days[date.getUTCDay()]}, ${two(date.getUTCDate())} ${months[date.getUTCMonth()]} ` +
    `${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:` +
    `${two(date.getUTCSeconds())} +0000`
  );
}

function envelopeAddress(text: string, role: string): string {
  const mailbox = parseMailbox(text);
  if (typeof mailbox === 'string') {
    throw new DeliveryError('invalid-message', `${role} address ${mailbox}`, { retryable: false });
  }
  return mailbox.address;
}

/**
 * Kapacitor's mail for one event. Throws DeliveryError('invalid-message') when there is no
 * recipient or an address (e.g. from a `to-field` template) is not one.
 */
export function kapacitorMail(content: MailContent): FormattedMail {
  if (content.to.length === 0) {
    throw new DeliveryError('invalid-message', 'not sending email, no recipients defined', {
      retryable: false,
    });
  }
  const from = envelopeAddress(content.from, 'from');
  const to: string[] = [];
  for (const r of content.to) {
    const address = envelopeAddress(r, 'recipient');
    if (!to.includes(address)) to.push(address);
  }
  const raw =
    'Mime-Version: 1.0\r\n' +
    formatHeader('Date', [formatMailDate(content.date ?? new Date())]) +
    formatHeader('From', [headerMailbox(content.from)]) +
    formatHeader('To', content.to.map(headerMailbox)) +
    formatHeader('Subject', [encodeHeaderWord(content.subject)]) +
    formatHeader('Content-Type', ['text/html; charset=UTF-8']) +
    formatHeader('Content-Transfer-Encoding', ['quoted-printable']) +
    '\r\n' +
    quotedPrintable(content.html);
  return { envelope: { from, to }, raw };
}

/**
 * Who gets the mail: the handler's `to` plus the non-empty `to-field` results, or the
 * config's `to` when that leaves nobody (Kapacitor's order).
 */
export function mailRecipients(
  handlerTo: readonly string[],
  fieldResults: readonly string[],
  configTo: readonly string[],
): string[] {
  const to = [...handlerTo, ...fieldResults.filter((r) => r !== '')];
  return to.length > 0 ? to : [...configTo];
}
