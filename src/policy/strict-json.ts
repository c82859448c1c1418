/**
 * A small strict JSON parser for untrusted text (a key policy someone
 * pastes): a position for every syntax error, duplicate property names
 * refused instead of silently keeping the last one (JSON.parse keeps the
 * last, so part of a policy would vanish), nesting depth bounded. Never
 * evaluates anything; never throws on bad input.
 */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets an own property, even one named "__proto__", without touching prototypes. */
export function setOwn(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Deeper than any real policy (they nest 4 levels), shallow enough for any stack. */
const MAX_DEPTH = 64;

/** A JSON number kept exactly as written, because a JavaScript number would change it. */
export class RawNumber {
  constructor(readonly text: string) {}
}

/**
 * JSON text with 2-space indents and a final newline, like toJson, writing
 * each RawNumber exactly as it was written.
 */
export function toJsonKeepingNumbers(value: unknown): string {
  const raws: string[] = [];
  // Each RawNumber goes out as a string marker, then the marker (as JSON writes
  // it, quotes included) is replaced by the number's text. The marker holds a
  // control character and a random part, so no pasted string can be taken for one.
  const nonce = Math.random().toString(36).slice(2);
  const marker = (index: number) => `\u0001${nonce}:${String(index)}\u0001`;
  let out = JSON.stringify(
    value,
    (_key, item: unknown) => {
      if (!(item instanceof RawNumber)) return item;
      raws.push(item.text);
      return marker(raws.length - 1);
    },
    2,
  );
  raws.forEach((raw, index) => {
    out = out.replace(JSON.stringify(marker(index)), raw);
  });
  return `${out}\n`;
}

export type JsonFaultKind = 'syntax' | 'duplicate-key' | 'too-deep';

export class JsonFault extends Error {
  constructor(
    readonly kind: JsonFaultKind,
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; fault: JsonFault };

export function shorten(text: string, max = 60): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

export function parseJson(text: string): JsonParse {
  let i = 0;

  const fail = (message: string, at = i, kind: JsonFaultKind = 'syntax'): never => {
    throw new JsonFault(kind, at, message);
  };
  const found = (at = i): string => {
    const point = text.codePointAt(at);
    if (point === undefined) return 'the end of the text';
    const char = String.fromCodePoint(point);
    return /^[\s\p{C}]$/u.test(char)
      ? `the character U+${point.toString(16).toUpperCase().padStart(4, '0')}`
      : `“${char}”`;
  };
  const skipWhitespace = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else return;
    }
  };

  const parseString = (): string => {
    const start = i;
    i++;
    for (;;) {
      if (i >= text.length) fail('a string is never closed (a closing " is missing)', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x0a || c === 0x0d) {
        fail('a line break inside a string (JSON strings stay on one line)');
      }
      if (c < 0x20) fail('a control character inside a string');
      if (c === 0x5c) {
        const escape = text[i + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            fail('an invalid \\u escape (it needs 4 hexadecimal digits)');
          }
          i += 6;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) {
          i += 2;
        } else {
          fail(`an invalid escape \\${escape ?? ''} inside a string`);
        }
        continue;
      }
      i++;
    }
    i++;
    // The slice is a checked JSON string literal; the built-in parser decodes its escapes.
    return JSON.parse(text.slice(start, i)) as string;
  };

  const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
  const parseNumber = (): number | RawNumber => {
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (!match) return fail(`unexpected ${found()} where a value was expected`);
    i += match[0].length;
    const value = Number(match[0]);
    // A number JavaScript would write back differently (1e400, 12345678901234567890,
    // 1.0) is kept as written, so a merge never changes it.
    return JSON.stringify(value) === match[0] ? value : new RawNumber(match[0]);
  };

  const parseLiteral = <T>(word: string, value: T): T => {
    if (!text.startsWith(word, i)) fail(`unexpected ${found()} where a value was expected`);
    i += word.length;
    return value;
  };

  const parseObject = (depth: number): JsonObject => {
    if (depth > MAX_DEPTH) fail('the JSON is nested too deeply to be a policy', i, 'too-deep');
    i++;
    const out: JsonObject = {};
    const seen = new Set<string>();
    skipWhitespace();
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      skipWhitespace();
      if (text[i] !== '"') {
        if (text[i] === "'")
          fail('JSON needs double quotes (") around property names, not single quotes');
        fail(`expected a property name in double quotes, found ${found()}`);
      }
      const keyAt = i;
      const key = parseString();
      if (seen.has(key)) {
        fail(
          `the property ${shorten(key)} appears twice in the same object`,
          keyAt,
          'duplicate-key',
        );
      }
      seen.add(key);
      skipWhitespace();
      if (text[i] !== ':')
        fail(`expected ":" after the property name ${shorten(key)}, found ${found()}`);
      i++;
      setOwn(out, key, parseValue(depth));
      skipWhitespace();
      if (text[i] === '}') {
        i++;
        return out;
      }
      if (text[i] !== ',') {
        fail(`expected "," or "}" after the value of ${shorten(key)}, found ${found()}`);
      }
      const commaAt = i;
      i++;
      skipWhitespace();
      if (text[i] === '}') fail('a comma before "}" (JSON allows no trailing comma)', commaAt);
    }
  };

  const parseArray = (depth: number): unknown[] => {
    if (depth > MAX_DEPTH) fail('the JSON is nested too deeply to be a policy', i, 'too-deep');
    i++;
    const out: unknown[] = [];
    skipWhitespace();
    if (text[i] === ']') {
      i++;
      return out;
    }
    for (;;) {
      out.push(parseValue(depth));
      skipWhitespace();
      if (text[i] === ']') {
        i++;
        return out;
      }
      if (text[i] !== ',') fail(`expected "," or "]" after a list item, found ${found()}`);
      const commaAt = i;
      i++;
      skipWhitespace();
      if (text[i] === ']') fail('a comma before "]" (JSON allows no trailing comma)', commaAt);
    }
  };

  const parseValue = (depth: number): unknown => {
    skipWhitespace();
    const c = text[i];
    switch (c) {
      case '{':
        return parseObject(depth + 1);
      case '[':
        return parseArray(depth + 1);
      case '"':
        return parseString();
      case 't':
        return parseLiteral('true', true);
      case 'f':
        return parseLiteral('false', false);
      case 'n':
        return parseLiteral('null', null);
      case undefined:
        return fail('the text ends where a value was expected (a "}" or "]" may be missing)');
      case "'":
        return fail('JSON needs double quotes (") around strings, not single quotes');
      default:
        return parseNumber();
    }
  };

  try {
    const value = parseValue(0);
    skipWhitespace();
    if (i < text.length) fail(`unexpected ${found()} after the end of the JSON`);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof JsonFault) return { ok: false, fault: error };
    throw error;
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 0x0a) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
