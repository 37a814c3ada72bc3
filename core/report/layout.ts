import { z } from 'zod';
import { ReportKind } from './model';

/**
 * A report layout (templates/reports/*.layout.json): page, type sizes, colours and the sections
 * in order, with the columns each table shows. Layouts are data, so an organisation can adjust
 * a report without touching code; the builder validates them like any other input.
 */

const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colours are #rrggbb');

export const SECTION_TYPES = [
  'summary',
  'charts',
  'attendees',
  'agenda',
  'demoRecord',
  'questions',
  'verdicts',
  'matrix',
  'exceptions',
  'evidence',
  'drift',
  'evidenceFiles',
  'issues',
  'signOff',
  'document',
] as const;
export const SectionType = z.enum(SECTION_TYPES);
export type SectionType = z.infer<typeof SectionType>;

export const Column = z.object({
  key: z.string().min(1).max(40),
  header: z.string().min(1).max(60),
  /** Relative width; the table shares the text width in these proportions. */
  width: z.number().positive().max(100),
  align: z.enum(['left', 'right']).default('left'),
  /** Smaller type, for long unbreakable values such as SHA-256 digests. */
  compact: z.boolean().default(false),
});
export type Column = z.infer<typeof Column>;

export const Section = z.object({
  type: SectionType,
  title: z.string().min(1).max(120),
  /** Some sections describe themselves in one paragraph before their content. */
  intro: z.string().max(2000).default(''),
  columns: z.array(Column).max(12).optional(),
  /** Start the section on a new page. */
  newPage: z.boolean().default(false),
});
export type Section = z.infer<typeof Section>;

export const ReportLayout = z.object({
  layoutVersion: z.literal(1),
  kind: ReportKind,
  name: z.string().min(1).max(120),
  page: z.object({
    width: z.number().min(200).max(2000),
    height: z.number().min(200).max(2000),
    margin: z.object({
      top: z.number().min(18).max(200),
      right: z.number().min(18).max(200),
      bottom: z.number().min(18).max(200),
      left: z.number().min(18).max(200),
    }),
  }),
  type: z.object({
    title: z.number().min(8).max(60),
    h1: z.number().min(6).max(40),
    h2: z.number().min(6).max(30),
    body: z.number().min(5).max(20),
    table: z.number().min(4).max(16),
    compact: z.number().min(4).max(16),
    footer: z.number().min(4).max(12),
  }),
  colours: z.object({
    text: Colour,
    muted: Colour,
    accent: Colour,
    rule: Colour,
    stripe: Colour,
    headerFill: Colour,
    headerText: Colour,
  }),
  /** Verdict colours and the chart series palette, by name. */
  palette: z.record(z.string().max(40), Colour),
  sections: z.array(Section).min(1).max(30),
});
export type ReportLayout = z.infer<typeof ReportLayout>;

export function parseLayout(value: unknown): ReportLayout {
  const parsed = ReportLayout.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  throw new Error(`The report layout is invalid: ${problems.join('; ')}`);
}

export type Rgb = readonly [number, number, number];

export function rgb(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255];
}
