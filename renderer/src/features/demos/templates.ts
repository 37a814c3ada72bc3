import type { AgendaTemplate } from '../../../../core/demo/templates';
import { loadAgendaTemplates } from '../../../../core/demo/templates';

/** The agenda templates shipped in templates/agendas/, bundled at build time. */
const files = import.meta.glob('../../../../templates/agendas/*.json', {
  eager: true,
  import: 'default',
});

function load(): { templates: AgendaTemplate[]; error: string | null } {
  try {
    const byName = Object.fromEntries(
      Object.entries(files).map(([path, json]) => [path.split('/').pop() ?? path, json]),
    );
    return { templates: loadAgendaTemplates(byName), error: null };
  } catch (error) {
    return { templates: [], error: error instanceof Error ? error.message : String(error) };
  }
}

export const AGENDA_TEMPLATES = load();
