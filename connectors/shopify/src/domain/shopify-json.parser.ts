import { malformedJson } from './shopify.errors';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a webhook body without losing digits. Shopify ids are 64-bit integers (820982911946154508) that
 * `JSON.parse` silently rounds, and a few amounts arrive as JSON numbers (tax rates): every integer beyond
 * Number.MAX_SAFE_INTEGER and every number with a fraction or exponent comes back as the string of its exact
 * source text. Safe integers stay numbers. Throws SHOPIFY.MALFORMED_JSON for bytes that are not UTF-8 JSON.
 */
export function parseShopifyJson(raw: Buffer): unknown {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw malformedJson('webhook body is not valid UTF-8');
  }
  try {
    // The engine decides what is valid JSON; the rewrite below only ever sees text that passed.
    JSON.parse(text);
  } catch (error) {
    throw malformedJson(`webhook body is not valid JSON: ${(error as Error).message}`);
  }
  return JSON.parse(quoteInexactNumbers(text));
}

const NUMBER_CHAR = /[-+0-9.eE]/;

/** Rewrites number tokens outside strings; assumes `text` is valid JSON. */
function quoteInexactNumbers(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      let end = i + 1;
      while (end < text.length && NUMBER_CHAR.test(text[end])) end++;
      const token = text.slice(i, end);
      out += isExactAsNumber(token) ? token : `"${token}"`;
      i = end;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === '"') return i + 1;
    else i++;
  }
  return i;
}

function isExactAsNumber(token: string): boolean {
  if (!/^-?\d+$/.test(token)) return false;
  const value = BigInt(token);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER);
}
