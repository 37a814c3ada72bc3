/**
 * Detection of cross-site scripting (XSS) and SQL-injection (SQLi) attempts in the request line
 * of an access log (the path and query string a client asked for). A request counts once per
 * category however many rules it matches; the rule ids that matched explain why.
 *
 * Before matching, the target is normalised the way a server would read it, so encoding does not
 * hide an attempt: nginx's `\xHH` log escapes are undone, `+` becomes a space, percent-encoding is decoded up to three times (double
 * and triple encoding), a few HTML entities (`&lt;`, `&#60;`, `&#x3c;` ...) are decoded, SQL
 * inline comments `/**\/` become spaces, the text is lower-cased and runs of white space collapse.
 *
 * The rules look for syntax an attack needs (a tag, an event handler, a quote that closes a SQL
 * string, a UNION SELECT ...), not for words, so ordinary searches such as "select the best
 * union station" or a name like O'Reilly are not counted. Tests list true and false positives.
 * What it cannot see: request bodies (POST), headers, and attacks encoded in ways no server
 * decodes. These are attempts, not successes: a 404 for `/?id=1' OR '1'='1` is still counted.
 */
export interface AttackRule {
  id: string;
  category: 'xss' | 'sqli';
  description: string;
  pattern: RegExp;
}

const EVENT_HANDLERS =
  'abort|afterprint|animationstart|beforeprint|blur|change|click|contextmenu|dblclick|error|focus|focusin|hashchange|input|keydown|keypress|keyup|load|message|mousedown|mouseenter|mouseleave|mousemove|mouseout|mouseover|mouseup|pageshow|paste|pointerdown|pointerover|resize|scroll|select|submit|toggle|transitionend|unload|wheel';

export const ATTACK_RULES: readonly AttackRule[] = [
  {
    id: 'xss-script-tag',
    category: 'xss',
    description: 'An opening or closing <script> tag.',
    pattern: /<\s*(?:\/\s*)?script\b/,
  },
  {
    id: 'xss-event-handler',
    category: 'xss',
    description:
      'An HTML event-handler attribute (onerror=, onload=, onmouseover= ...) after a tag, quote, space or slash.',
    pattern: new RegExp(`(?:<[a-z!/]|["'\\s/])[^=]{0,40}?\\bon(?:${EVENT_HANDLERS})\\s*=`),
  },
  {
    id: 'xss-javascript-uri',
    category: 'xss',
    description: 'A javascript:, vbscript: or data:text/html URI.',
    pattern: /(?:javascript|vbscript|livescript)\s*:|data\s*:\s*text\/html/,
  },
  {
    id: 'xss-dangerous-tag',
    category: 'xss',
    description:
      'A tag that can run script or load content: iframe, object, embed, svg, img, body, math, details, video, audio, base, meta, link, style.',
    pattern:
      /<\s*(?:iframe|frame|object|embed|svg|img|image|body|math|details|video|audio|base|meta|link|style|marquee|form|input)\b/,
  },
  {
    id: 'xss-script-sink',
    category: 'xss',
    description:
      'Script calls typical of XSS probes: alert(, prompt(, confirm(, document.cookie, document.write, eval(, String.fromCharCode.',
    pattern:
      /\b(?:alert|prompt|confirm)\s*[(`]|document\s*\.\s*(?:cookie|domain|write|location)|\beval\s*\(|string\s*\.\s*fromcharcode|\bwindow\s*\.\s*location/,
  },
  {
    id: 'sqli-union-select',
    category: 'sqli',
    description:
      'UNION [ALL] SELECT followed by SQL (a column list, *, NULL, a number, a function or FROM): appending a query to read other tables.',
    pattern:
      /\bunion\s+(?:all\s|distinct\s)?\s?\(?\s?select\s?(?:\*|null\b|@@|\d|\(|[\w.]+\s?[,(]|[\w.]+\s(?:from|into)\b)/,
  },
  {
    id: 'sqli-tautology',
    category: 'sqli',
    description:
      'A closed value followed by OR/AND and a comparison that is always true (\' or 1=1, " or "a"="a, 1 or x=x), or a closing quote followed by OR/AND and any comparison (\' and 1>0, \' or name like \'%).',
    pattern:
      /(?:['"`)]|\b\d+)\s*(?:or|and|\|\||&&)\s+(?:['"`(]\s*)?(\w+)\s*(?:['"`)]\s*)?=\s*(?:['"`(]\s*)?\1\b|['"`]\s*(?:or|and|\|\||&&)\s+(?:['"`(]\s*)?\w+\s*(?:['"`)]\s*)?(?:=|like\b|<>|!=|>|<)|['"`]\s*(?:or|and)\s+(?:true|false|not)\b/,
  },
  {
    id: 'sqli-quote-comment',
    category: 'sqli',
    description:
      "A quote followed by a SQL comment that cuts off the rest of the query: '-- , '#, '/*.",
    pattern: /['"`][\s)]*(?:--(?:\s|$)|#|\/\*|;\s*--)/,
  },
  {
    id: 'sqli-stacked-query',
    category: 'sqli',
    description: 'A statement stacked after a semicolon: ; DROP, ; DELETE, ; INSERT, ; EXEC ...',
    pattern:
      /;\s*(?:drop|delete|insert|update|truncate|alter|create|exec|execute|declare|shutdown|select)\s+\w/,
  },
  {
    id: 'sqli-function',
    category: 'sqli',
    description:
      'Functions and objects used to probe databases: SLEEP(n), BENCHMARK(, PG_SLEEP(, WAITFOR DELAY, LOAD_FILE(, INTO OUTFILE, INFORMATION_SCHEMA, @@version, xp_cmdshell, EXTRACTVALUE(, UPDATEXML(.',
    pattern:
      /\b(?:sleep\s*\(\s*\d|benchmark\s*\(|pg_sleep\s*\(|waitfor\s+delay\s+['"]|load_file\s*\(|into\s+(?:out|dump)file\b|information_schema\s*\.|xp_cmdshell|extractvalue\s*\(|updatexml\s*\(|sysobjects\b|dbms_pipe\s*\.)|@@(?:version|datadir|hostname)\b/,
  },
  {
    id: 'sqli-select-from',
    category: 'sqli',
    description:
      'A SELECT with SQL syntax (a column list of *, functions or commas) followed by FROM.',
    pattern:
      /\bselect\s+(?:\*|[\w.]+\s*\(|[\w.]+\s*,\s*[\w.]+|null\b)[^&]{0,80}?\bfrom\s+[\w.`"[]+/,
  },
];

/**
 * Cheap test that rules out most benign requests before any decoding or matching. It passes any
 * target holding a character, an encoding of one, or a word that some rule needs: markup and
 * quote characters, their percent-encodings (and `%25`, an encoded percent, for double encoding),
 * percent-encoded letters, HTML entities, nginx `\x` escapes, SQL comments, the rules' keywords,
 * event-handler names and `<number> or|and`. A target without any of these cannot match a rule.
 */
// eslint-disable-next-line security/detect-non-literal-regexp -- built from constants in this file.
const SUSPICIOUS = new RegExp(
  [
    '[<>\'"`;()\\\\]',
    '%(?:2[2-9]|3[a-e]|40|5[bcd]|60|7[bcd]|25|4[1-9a-f]|5[0-9a]|6[1-9a-f]|7[0-9a])',
    '&(?:#|lt|gt|quot|apos|amp|lpar|rpar|sol|colon)',
    '\\/\\*|@@|&&|\\|\\|',
    'script|select|union|sleep|benchmark|waitfor|load_file|outfile|dumpfile|information_schema',
    'xp_cmdshell|extractvalue|updatexml|sysobjects|dbms_pipe|data:|document|eval|fromcharcode|window',
    `on(?:${EVENT_HANDLERS})`,
    '\\d(?:\\s|\\+|%20|%09)+(?:or|and)\\b',
  ].join('|'),
  'i',
);

export interface AttackVerdict {
  xss: boolean;
  sqli: boolean;
  /** Ids of the rules that matched, in rule order. */
  rules: string[];
}

const NONE: AttackVerdict = { xss: false, sqli: false, rules: [] };

/** Classifies one request target (path and query string) as it appears in the log. */
export function classifyRequestTarget(target: string): AttackVerdict {
  if (!SUSPICIOUS.test(target)) return NONE;
  const text = normaliseTarget(target);
  let xss = false;
  let sqli = false;
  const rules: string[] = [];
  for (const rule of ATTACK_RULES) {
    if (rule.pattern.test(text)) {
      rules.push(rule.id);
      if (rule.category === 'xss') xss = true;
      else sqli = true;
    }
  }
  return rules.length === 0 ? NONE : { xss, sqli, rules };
}

const ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  amp: '&',
  lpar: '(',
  rpar: ')',
  sol: '/',
  colon: ':',
};

/** Decodes the request target the way servers and browsers would read it; see above. */
export function normaliseTarget(target: string): string {
  // Each step runs only when its trigger character is present: most targets need none of them.
  let text = target;
  if (text.includes('\\')) {
    text = text.replace(/\\x([0-9a-f]{2})/gi, (_match, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
  }
  if (text.includes('+')) text = text.replace(/\+/g, ' ');
  for (let round = 0; round < 3 && text.includes('%'); round += 1) {
    const decoded = safeDecode(text);
    if (decoded === text) break;
    text = decoded;
  }
  if (text.includes('&')) {
    text = text
      .replace(/&#x([0-9a-f]{1,6});?/gi, (_match, hex: string) => fromCodePoint(parseInt(hex, 16)))
      .replace(/&#(\d{1,7});?/g, (_match, decimal: string) => fromCodePoint(Number(decimal)))
      .replace(/&([a-z]{2,6});/gi, (match, name: string) => ENTITIES[name.toLowerCase()] ?? match);
  }
  if (text.includes('/*')) text = stripInlineComments(text);
  text = text.toLowerCase();
  return /\s\s|[\t\n\r\f\v]/.test(text) ? text.replace(/\s+/g, ' ') : text;
}

/**
 * SQL inline comments `/* ... *\/` become a space, found with indexOf so that a line full of
 * unclosed `/*` costs one pass (a lazy regex rescanned the rest of the line from each one).
 */
function stripInlineComments(text: string): string {
  let result = '';
  let from = 0;
  for (let open = text.indexOf('/*'); open !== -1; open = text.indexOf('/*', from)) {
    const close = text.indexOf('*/', open + 2);
    // No comment after this one can close either.
    if (close === -1) break;
    result += `${text.slice(from, open)} `;
    from = close + 2;
  }
  return result + text.slice(from);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // Malformed escapes (a lone %) are decoded one valid sequence at a time.
    return text.replace(/%[0-9a-f]{2}/gi, (sequence) => {
      try {
        return decodeURIComponent(sequence);
      } catch {
        return sequence;
      }
    });
  }
}

function fromCodePoint(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}
