import { useEffect, useId, useMemo, useState } from 'react';
import type { PostMortem, PostMortemNarrative, PostMortemSection } from '../../../../core/model';
import { POST_MORTEM_SECTIONS, SECTION_PROMPTS, SECTION_TITLES } from '../../../../core/model';
import { useRegisterCommands } from '../../app/commands/registry';
import { TextField } from '../../components/Field';
import { FormError } from '../../components/FormFooter';
import { useSubmit } from '../../components/useSubmit';
import { CONTROL_FIELD_HINT, controlsOfField } from '../controls/resolve';
import { BlameHints } from './BlameHints';
import { savePostMortemNarrative } from './commands';

export function narrativeOf(postMortem: PostMortem): PostMortemNarrative {
  const {
    title,
    summary,
    impact,
    detection,
    contributingFactors,
    wentWell,
    wasHard,
    lessons,
    failedControls,
  } = postMortem;
  return {
    title,
    summary,
    impact,
    detection,
    contributingFactors,
    wentWell,
    wasHard,
    lessons,
    failedControls,
  };
}

/**
 * The template's narrative sections, each with its prompt and the blameless-language hint.
 * `onDirtyChange` lets the editor save before exporting.
 */
export function NarrativeForm({
  postMortem,
  saveRef,
}: {
  postMortem: PostMortem;
  /** Filled with a function that saves pending changes (used before exporting). */
  saveRef: { current: (() => Promise<boolean>) | null };
}) {
  const [draft, setDraft] = useState<PostMortemNarrative>(() => narrativeOf(postMortem));
  const [controls, setControls] = useState(postMortem.failedControls.join(' '));
  const [dirty, setDirty] = useState(false);
  const { busy, fieldErrors, formError, submit } = useSubmit();
  const formId = useId();

  const save = useMemo(
    () => async () => {
      if (!dirty) return true;
      const done = await submit(async () =>
        savePostMortemNarrative(postMortem.id, {
          ...draft,
          failedControls: await controlsOfField(controls, 'failedControls'),
        }),
      );
      if (done) setDirty(false);
      return done;
    },
    [dirty, submit, postMortem.id, draft, controls],
  );
  useEffect(() => {
    saveRef.current = save;
  }, [save, saveRef]);
  const commands = useMemo(
    () => [
      {
        id: 'postmortem.save',
        title: 'Save post-mortem',
        section: 'Post-mortems',
        shortcut: 'Mod+S',
        allowInTextEntry: true,
        run: () => void save(),
      },
    ],
    [save],
  );
  useRegisterCommands(commands);

  const edit = (field: keyof PostMortemNarrative, value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setDirty(true);
  };
  return (
    <form
      id={formId}
      className="panel narrative"
      aria-label="Post-mortem narrative"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <TextField
        label="Title"
        value={draft.title}
        onChange={(event) => edit('title', event.target.value)}
        error={fieldErrors['title']}
        maxLength={200}
      />
      {POST_MORTEM_SECTIONS.map((section) => (
        <NarrativeField
          key={section}
          section={section}
          value={draft[section]}
          error={fieldErrors[section]}
          onChange={(value) => edit(section, value)}
        />
      ))}
      <TextField
        label="Controls that failed"
        value={controls}
        onChange={(event) => {
          setControls(event.target.value);
          setDirty(true);
        }}
        error={Object.entries(fieldErrors).find(([path]) => path.startsWith('failedControls'))?.[1]}
        hint={CONTROL_FIELD_HINT}
      />
      <FormError message={formError} />
      <div className="dialog-actions">
        <span className="muted" role="status">
          {dirty ? 'Unsaved changes' : 'Saved'}
        </span>
        <button
          type="submit"
          className="button primary"
          disabled={busy || !dirty}
          aria-keyshortcuts="Control+S"
        >
          Save
        </button>
      </div>
    </form>
  );
}

function NarrativeField({
  section,
  value,
  error,
  onChange,
}: {
  section: PostMortemSection;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{SECTION_TITLES[section]}</label>
      <p id={`${id}-prompt`} className="field-hint">
        {SECTION_PROMPTS[section]}
      </p>
      <textarea
        id={id}
        rows={section === 'summary' || section === 'contributingFactors' ? 4 : 3}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={`${id}-prompt ${id}-blame`}
        aria-invalid={error ? true : undefined}
      />
      {error ? <p className="field-error">{error}</p> : null}
      <BlameHints text={value} fieldId={id} />
    </div>
  );
}
