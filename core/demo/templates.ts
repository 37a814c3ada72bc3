import { z } from 'zod';
import { AgendaItemFields } from '../model/demo';

/**
 * Agenda templates (`templates/agendas/*.json`): reusable demo agendas with their items
 * pre-linked to controls. They ship with the app as data and are validated like any input.
 */
export const AgendaTemplate = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'template ids are lower-case words and dashes'),
  name: z.string().trim().min(1).max(120),
  description: z.string().max(2000).default(''),
  items: z.array(AgendaItemFields).min(1, 'a template has at least one item').max(100),
});
export type AgendaTemplate = z.infer<typeof AgendaTemplate>;

/** Validates the templates found in `files` (name → parsed JSON); a broken one names its file. */
export function loadAgendaTemplates(files: Readonly<Record<string, unknown>>): AgendaTemplate[] {
  const templates = Object.entries(files).map(([file, json]) => {
    const parsed = AgendaTemplate.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new Error(
        `Agenda template ${file}: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}`,
      );
    }
    return parsed.data;
  });
  const ids = new Set<string>();
  for (const template of templates) {
    if (ids.has(template.id)) throw new Error(`Two agenda templates share the id ${template.id}.`);
    ids.add(template.id);
  }
  return templates.sort((a, b) => a.name.localeCompare(b.name));
}
