// Go's time.Time.Format for UTC times: the reference-layout language
// ("Mon Jan 2 15:04:05 MST 2006"), chunked exactly as Go's nextStdChunk does.

const NS_PER_SECOND = 1_000_000_000n;
const SECONDS_PER_DAY = 86_400n;

const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function monthName(month: number): string {
  return LONG_MONTHS[month - 1] ?? `%!Month(${month})`;
}
export function weekdayName(day: number): string {
  return LONG_DAYS[day] ?? `%!Weekday(${day})`;
}

/** Calendar fields of a UTC instant. */
export interface Civil {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
  hour: number;
  minute: number;
  second: number;
  nanosecond: number;
  weekday: number; // 0 = Sunday
  yearDay: number; // 1..366
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

export function civil(ns: bigint): Civil {
  const secs = floorDiv(ns, NS_PER_SECOND);
  const days = floorDiv(secs, SECONDS_PER_DAY);
  const sod = Number(secs - days * SECONDS_PER_DAY);
  // Howard Hinnant's civil_from_days.
  const z = days + 719_468n;
  const era = floorDiv(z, 146_097n);
  const doe = z - era * 146_097n;
  const yoe = (doe - doe / 1460n + doe / 36_524n - doe / 146_096n) / 365n;
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n);
  const mp = (5n * doy + 2n) / 153n;
  const day = Number(doy - (153n * mp + 2n) / 5n + 1n);
  const month = Number(mp < 10n ? mp + 3n : mp - 9n);
  const year = Number(yoe + era * 400n) + (month <= 2 ? 1 : 0);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
  const yearDay = cumulative[month - 1]! + day + (leap && month > 2 ? 1 : 0);
  return {
    year,
    month,
    day,
    hour: Math.floor(sod / 3600),
    minute: Math.floor((sod % 3600) / 60),
    second: sod % 60,
    nanosecond: Number(ns - secs * NS_PER_SECOND),
    weekday: Number(((days % 7n) + 11n) % 7n), // 1970-01-01 was a Thursday
    yearDay,
  };
}

type Chunk =
  | { kind: 'literal'; text: string }
  | { kind: 'std'; code: string }
  | { kind: 'frac'; digits: number; trim: boolean; sep: string };

const std0x = ['01', '02', '03', '04', '05', '06'];

/** Split a layout into literal text and Go's std codes (cached: layouts are few, formats many). */
function chunkLayout(layout: string): Chunk[] {
  const chunks: Chunk[] = [];
  let lit = '';
  const std = (code: string, len: number, at: number): number => {
    if (lit) chunks.push({ kind: 'literal', text: lit });
    lit = '';
    chunks.push({ kind: 'std', code });
    return at + len;
  };
  const startsLower = (s: string): boolean => s.length > 0 && s[0]! >= 'a' && s[0]! <= 'z';
  let i = 0;
  while (i < layout.length) {
    const c = layout[i]!;
    const rest = layout.slice(i);
    let next = -1;
    switch (c) {
      case 'J':
        if (rest.startsWith('January')) next = std('January', 7, i);
        else if (rest.startsWith('Jan') && !startsLower(rest.slice(3))) next = std('Jan', 3, i);
        break;
      case 'M':
        if (rest.startsWith('Monday')) next = std('Monday', 6, i);
        else if (rest.startsWith('Mon') && !startsLower(rest.slice(3))) next = std('Mon', 3, i);
        else if (rest.startsWith('MST')) next = std('MST', 3, i);
        break;
      case '0':
        if (rest.length >= 2 && rest[1]! >= '1' && rest[1]! <= '6')
          next = std(std0x[Number(rest[1]) - 1]!, 2, i);
        else if (rest.startsWith('002')) next = std('002', 3, i);
        break;
      case '1':
        next = rest.startsWith('15') ? std('15', 2, i) : std('1', 1, i);
        break;
      case '2':
        next = rest.startsWith('2006') ? std('2006', 4, i) : std('2', 1, i);
        break;
      case '_':
        if (rest.startsWith('_2006')) {
          lit += '_';
          next = std('2006', 4, i + 1);
        } else if (rest.startsWith('_2')) next = std('_2', 2, i);
        else if (rest.startsWith('__2')) next = std('__2', 3, i);
        break;
      case '3':
      case '4':
      case '5':
        next = std(c, 1, i);
        break;
      case 'P':
        if (rest.startsWith('PM')) next = std('PM', 2, i);
        break;
      case 'p':
        if (rest.startsWith('pm')) next = std('pm', 2, i);
        break;
      case '-':
      case 'Z':
        for (const tz of ['070000', '07:00:00', '0700', '07:00', '07']) {
          if (rest.startsWith(c + tz)) {
            next = std(c + tz, tz.length + 1, i);
            break;
          }
        }
        break;
      case '.':
      case ',': {
        const d = rest[1];
        if (d === '0' || d === '9') {
          let j = 1;
          while (rest[j] === d) j++;
          const after = rest[j];
          if (!(after !== undefined && after >= '0' && after <= '9')) {
            if (lit) chunks.push({ kind: 'literal', text: lit });
            lit = '';
            chunks.push({ kind: 'frac', digits: j - 1, trim: d === '9', sep: c });
            next = i + j;
          }
        }
        break;
      }
    }
    if (next < 0) {
      lit += c;
      i++;
    } else i = next;
  }
  if (lit) chunks.push({ kind: 'literal', text: lit });
  return chunks;
}

const layoutCache = new Map<string, Chunk[]>();

function pad(n: number, width: number, fill = '0'): string {
  const neg = n < 0;
  const s = String(Math.abs(n)).padStart(width, fill);
  return neg ? `-${s}` : s;
}

/** time.Time.Format(layout) for a UTC time given in nanoseconds since the Unix epoch. */
export function formatGoTime(ns: bigint, layout: string): string {
  let chunks = layoutCache.get(layout);
  if (!chunks) {
    chunks = chunkLayout(layout);
    if (layoutCache.size < 256) layoutCache.set(layout, chunks);
  }
  const t = civil(ns);
  let out = '';
  for (const ch of chunks) {
    if (ch.kind === 'literal') {
      out += ch.text;
      continue;
    }
    if (ch.kind === 'frac') {
      let digits = String(t.nanosecond).padStart(9, '0').slice(0, ch.digits);
      if (ch.trim) {
        digits = digits.replace(/0+$/, '');
        if (digits === '') continue;
      }
      out += ch.sep + digits;
      continue;
    }
    out += formatStd(ch.code, t);
  }
  return out;
}

function formatStd(code: string, t: Civil): string {
  const hour12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
  switch (code) {
    case 'January':
      return monthName(t.month);
    case 'Jan':
      return monthName(t.month).slice(0, 3);
    case '1':
      return String(t.month);
    case '01':
      return pad(t.month, 2);
    case 'Monday':
      return weekdayName(t.weekday);
    case 'Mon':
      return weekdayName(t.weekday).slice(0, 3);
    case '2':
      return String(t.day);
    case '_2':
      return pad(t.day, 2, ' ');
    case '02':
      return pad(t.day, 2);
    case '__2':
      return pad(t.yearDay, 3, ' ');
    case '002':
      return pad(t.yearDay, 3);
    case '15':
      return pad(t.hour, 2);
    case '3':
      return String(hour12);
    case '03':
      return pad(hour12, 2);
    case '4':
      return String(t.minute);
    case '04':
      return pad(t.minute, 2);
    case '5':
      return String(t.second);
    case '05':
      return pad(t.second, 2);
    case '2006':
      return pad(t.year, 4);
    case '06':
      return pad(((t.year % 100) + 100) % 100, 2);
    case 'PM':
      return t.hour >= 12 ? 'PM' : 'AM';
    case 'pm':
      return t.hour >= 12 ? 'pm' : 'am';
    case 'MST':
      return 'UTC';
    default:
      // Zone offsets: the engine renders UTC only, so the offset is always zero.
      if (code[0] === 'Z') return 'Z';
      return '+' + code.slice(1).replace(/[0-9]/g, '0');
  }
}
