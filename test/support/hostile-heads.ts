import { DETECT_BYTES } from '../../core/evidence/detect';

/**
 * Heads that make format detection do its worst: each unit, repeated to fill the 256 KiB that
 * detection reads, is a shape on which a regular expression with overlapping quantifiers
 * backtracks (`<a`×128k, `<!--`×64k, `[`×100k …) or a scanner could re-read what it has seen.
 * The detection fuzz test holds every detector to linear work on them, and the detect
 * benchmark times them against real heads.
 */

/** `unit` repeated to fill the head. */
export const fill = (unit: string): string =>
  unit.repeat(Math.ceil(DETECT_BYTES / unit.length)).slice(0, DETECT_BYTES);

export const WORST_XML = [
  '<a',
  '<!--',
  '<?',
  '<!DOCTYPE a [',
  '<![CDATA[',
  '<a b="',
  '<a b=',
  '</',
  '<!a>',
  '<a ',
  "<a b='x' ",
  '<<',
  '<!-',
];
export const WORST_JSON = [
  '[',
  '{"a":',
  '{"',
  '["',
  '"\\',
  '{"a":[',
  '[{"a":"',
  '{}\n',
  '[1,',
  '{"a":1,"',
  '"\\u',
  '{"\\"',
  ',',
  '[]',
];
export const WORST_TEXT = [
  'Feature: ',
  '##[group]',
  '\u001b[',
  '\u001b]',
  'section_start:',
  '# Lynis Report ',
  '"id","fqdn/ip"',
  '2026-01-01T00:00:00',
  ' \t',
  'a\r\n',
];
