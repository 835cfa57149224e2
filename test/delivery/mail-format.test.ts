// The mail bytes Kapacitor's smtp handler writes (gomail over Go's mime packages): quoted-
// printable bodies, RFC 2047 header words, header folding, the header block, recipients.

import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/delivery/errors.js';
import {
  encodeHeaderWord,
  formatHeader,
  formatMailDate,
  kapacitorMail,
  mailRecipients,
  quotedPrintable,
} from '../../src/delivery/mail-format.js';

describe('quotedPrintable (Go mime/quotedprintable, text mode)', () => {
  it.each([
    ['plain text stays as it is', 'details', 'details'],
    ['"=" is encoded', 'a=b', 'a=3Db'],
    ['LF and lone CR become CRLF, CRLF stays', 'a\nb\rc\r\nd', 'a\r\nb\r\nc\r\nd'],
    ['a space or tab before a line break is encoded', 'a \nb\t\nc', 'a=20\r\nb=09\r\nc'],
    ['a space at the very end is encoded', 'a ', 'a=20'],
    ['inner spaces and tabs stay', 'a b\tc', 'a b\tc'],
    ['UTF-8 bytes are encoded in upper-case hex', 'é€', '=C3=A9=E2=82=AC'],
    ['control characters are encoded', 'a\u0001b', 'a=01b'],
  ])('%s', (_name, input, want) => {
    expect(quotedPrintable(input)).toBe(want);
  });

  it('breaks lines longer than 76 with a soft line break after 75 characters', () => {
    expect(quotedPrintable('a'.repeat(80))).toBe(`${'a'.repeat(75)}=\r\n${'a'.repeat(5)}`);
    expect(quotedPrintable('a'.repeat(75))).toBe('a'.repeat(75));
  });

  it('never lets an encoded byte cross the 76th column (bytes, as Go: a character may split)', () => {
    expect(quotedPrintable(`${'a'.repeat(74)}é`)).toBe(`${'a'.repeat(74)}=\r\n=C3=A9`);
    expect(quotedPrintable(`${'a'.repeat(72)}é`)).toBe(`${'a'.repeat(72)}=C3=\r\n=A9`);
  });

  it('writes the vector body as Kapacitor does (bodyQuotedPrintable)', () => {
    const html =
      '\n<b>kapacitor.cpu.serverA is CRITICAL</b>\n\nValue: 10\n<a href="http://graphs.example.com/host/serverA">Details</a>\n';
    expect(quotedPrintable(html)).toBe(
      '\r\n<b>kapacitor.cpu.serverA is CRITICAL</b>\r\n\r\nValue: 10\r\n<a href=3D"http://graphs.example.com/host/serverA">Details</a>\r\n',
    );
  });
});

describe('encodeHeaderWord (mime.QEncoding, UTF-8)', () => {
  it('leaves printable ASCII alone', () => {
    expect(encodeHeaderWord('kapacitor.cpu.serverA is CRITICAL')).toBe(
      'kapacitor.cpu.serverA is CRITICAL',
    );
  });

  it('encodes non-ASCII subjects as Q encoded-words', () => {
    expect(encodeHeaderWord('Störung: CPU über 90%')).toBe(
      '=?UTF-8?q?St=C3=B6rung:_CPU_=C3=BCber_90%?=',
    );
    expect(encodeHeaderWord('a?b=c_d é')).toBe('=?UTF-8?q?a=3Fb=3Dc=5Fd_=C3=A9?=');
  });

  it('encodes line breaks, so a message cannot add header lines', () => {
    expect(encodeHeaderWord('ok\r\nBcc: x@example.com')).toBe(
      '=?UTF-8?q?ok=0D=0ABcc:_x@example.com?=',
    );
  });

  it('splits into words of at most 75 characters, never inside a character', () => {
    const words = encodeHeaderWord('é'.repeat(25)).split(' ');
    expect(words).toEqual([
      `=?UTF-8?q?${'=C3=A9'.repeat(10)}?=`,
      `=?UTF-8?q?${'=C3=A9'.repeat(10)}?=`,
      `=?UTF-8?q?${'=C3=A9'.repeat(5)}?=`,
    ]);
    for (const w of words) expect(w.length).toBeLessThanOrEqual(75);
  });
});

describe('formatHeader (gomail writeHeader)', () => {
  it('joins values with ", "', () => {
    expect(formatHeader('To', ['a@example.com', 'b@example.com'])).toBe(
      'To: a@example.com, b@example.com\r\n',
    );
  });

  it('folds long values at spaces within 76 columns; unfolding gives the value back', () => {
    const subject = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const header = formatHeader('Subject', [subject]);
    const lines = header.split('\r\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(76);
    expect(header.replace(/\r\n /g, ' ')).toBe(`Subject: ${subject}\r\n`);
  });

  it('folds encoded subjects between encoded-words, where gomail finds a space', () => {
    // gomail looks for a space within the line, else from column 75 on: here the first word
    // (72 characters) runs on to the second space, as Kapacitor writes it.
    const words = encodeHeaderWord('é'.repeat(25));
    const header = formatHeader('Subject', [words]);
    expect(header).toBe(
      `Subject: ${words.replace(/ (?==\?UTF-8\?q\?=C3=A9=C3=A9=C3=A9=C3=A9=C3=A9\?=$)/, '\r\n ')}\r\n`,
    );
    for (const l of header.split('\r\n')) expect(l.length).toBeLessThanOrEqual(998);
    expect(header.replace(/\r\n /g, ' ')).toBe(`Subject: ${words}\r\n`);
  });
});

describe('kapacitorMail', () => {
  it('writes the header block and body of the topic-handler vector, byte for byte', () => {
    const mail = kapacitorMail({
      from: 'test@example.com',
      to: ['oncall@example.com', 'backup@example.com'],
      subject: 'message',
      html: 'details',
      date: new Date(0),
    });
    expect(mail.raw).toBe(
      'Mime-Version: 1.0\r\n' +
        'Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n' +
        'From: test@example.com\r\n' +
        'To: oncall@example.com, backup@example.com\r\n' +
        'Subject: message\r\n' +
        'Content-Type: text/html; charset=UTF-8\r\n' +
        'Content-Transfer-Encoding: quoted-printable\r\n' +
        '\r\n' +
        'details',
    );
    expect(mail.envelope).toEqual({
      from: 'test@example.com',
      to: ['oncall@example.com', 'backup@example.com'],
    });
  });

  it('takes display names: the header keeps them (encoded when not ASCII), the envelope the address', () => {
    const mail = kapacitorMail({
      from: 'Kapacitor <alerts@example.com>',
      to: ['Jörg Müller <joerg@example.com>', 'ops@example.com', 'ops@example.com'],
      subject: 's',
      html: 'b',
      date: new Date(0),
    });
    expect(mail.raw).toContain('From: Kapacitor <alerts@example.com>\r\n');
    expect(mail.raw).toContain(
      'To: =?UTF-8?q?J=C3=B6rg_M=C3=BCller?= <joerg@example.com>, ops@example.com, ops@example.com\r\n',
    );
    expect(mail.envelope).toEqual({
      from: 'alerts@example.com',
      to: ['joerg@example.com', 'ops@example.com'],
    });
  });

  it("refuses a mail without recipients with Kapacitor's message", () => {
    const err = (() => {
      try {
        kapacitorMail({ from: 'a@example.com', to: [], subject: 's', html: 'b' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).reason).toBe('invalid-message');
    expect((err as DeliveryError).retryable).toBe(false);
    expect((err as DeliveryError).message).toBe('not sending email, no recipients defined');
  });

  it('refuses a recipient that is not an address (e.g. from a to-field template)', () => {
    expect(() =>
      kapacitorMail({ from: 'a@example.com', to: ['<no value>'], subject: 's', html: 'b' }),
    ).toThrow(/recipient address/);
  });

  it('dates in RFC 1123 with a numeric zone', () => {
    expect(formatMailDate(new Date(Date.UTC(2026, 2, 3, 4, 5, 6)))).toBe(
      'Tue, 03 Mar 2026 04:05:06 +0000',
    );
  });
});

describe('mailRecipients', () => {
  it('is the handler list plus non-empty to-field results', () => {
    expect(mailRecipients(['a@x.io', 'b@x.io'], ['c@x.io', ''], ['conf@x.io'])).toEqual([
      'a@x.io',
      'b@x.io',
      'c@x.io',
    ]);
  });

  it('falls back to the config list only when that leaves nobody', () => {
    expect(mailRecipients([], [''], ['conf@x.io'])).toEqual(['conf@x.io']);
    expect(mailRecipients([], ['c@x.io'], ['conf@x.io'])).toEqual(['c@x.io']);
  });
});
