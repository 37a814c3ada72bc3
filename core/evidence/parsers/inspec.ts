import type { ByteChunks } from '../bytes';
import { SummaryBuilder, isoDate, list, numberOrNull, record, shorten, text } from '../builder';
import type { Check, EvidenceSummary } from '../model';
import { readJson } from '../json';
import type { ControlFacts, ProfileFacts } from './heimdall';
import {
  CHECK_STATUS,
  controlSeverity,
  controlStatus,
  hasInvalidAttestation,
  isWaived,
  resolveOverlays,
  segmentStatuses,
} from './heimdall';

/**
 * Chef InSpec exec JSON (current and the legacy 1.x shape), its JSON-lines log form, and MITRE's
 * Heimdall Data Format, which the SAF converters produce from many other scanners. Controls are
 * counted as MITRE Heimdall counts them (heimdall.ts): overlaid controls once, through the
 * overlay; each control's status and severity by Heimdall's rules.
 */

function checkOf(control: Record<string, unknown>, segments: string[] | undefined): Check {
  return {
    id: text(control['id']),
    title: shorten(text(control['title']) || text(control['id'])),
    status: CHECK_STATUS[controlStatus(control, segments)],
    severity: controlSeverity(control),
  };
}

function addControl(
  summary: SummaryBuilder,
  control: Record<string, unknown>,
  statuses: string[],
): void {
  summary.addCheck(checkOf(control, statuses));
}

interface ControlSeen extends ControlFacts {
  check: Check;
  waived: boolean;
  /** No `results` list at all: a profile's control, which never ran. */
  profileOnly: boolean;
}

/** The controls of every profile, kept small, until the overlays between them are known. */
class ProfileControls {
  readonly profiles: ProfileFacts[] = [];
  readonly controls: ControlSeen[] = [];
  private invalidAttestations = 0;

  profile(index: number): ProfileFacts {
    while (this.profiles.length <= index)
      this.profiles.push({ name: undefined, parent: undefined });
    return this.profiles[index]!;
  }

  add(profile: number, control: Record<string, unknown>): void {
    this.profile(profile);
    const segments = segmentStatuses(control);
    if (hasInvalidAttestation(control)) this.invalidAttestations += 1;
    this.controls.push({
      profile,
      id: text(control['id']),
      populated: (segments?.length ?? 0) > 0,
      check: checkOf(control, segments),
      waived: isWaived(control),
      profileOnly: segments === undefined,
    });
  }

  /** Adds the controls Heimdall counts, and says what it counts differently from a plain list. */
  addTo(summary: SummaryBuilder): void {
    const outcome = resolveOverlays(this.profiles, this.controls);
    let profileOnly = 0;
    let waived = 0;
    for (const { control, root } of outcome.counted) {
      summary.addCheck({ ...root.check, id: control.check.id, title: control.check.title });
      if (root.profileOnly) profileOnly += 1;
      if (root.waived) waived += 1;
    }
    if (outcome.overlaid > 0) {
      summary.details['overlaidControls'] = outcome.overlaid;
      summary.note(
        `${outcome.overlaid} controls of profiles that others overlay are counted once, through the overlaying control, as Heimdall counts them.`,
      );
    }
    if (waived > 0) {
      summary.details['waivedControls'] = waived;
      summary.note(
        `${waived} waived controls are counted as not applicable, as Heimdall counts them.`,
      );
    }
    if (profileOnly > 0)
      summary.note(
        `${profileOnly} controls have no results list (a profile, not a run): counted as not checked.`,
      );
    if (outcome.uncounted > 0)
      summary.note(
        `${outcome.uncounted} controls are not counted: their profiles overlay themselves or each other in a loop, and Heimdall counts none of them.`,
      );
    if (outcome.loop)
      summary.note(
        'Profiles overlay each other in a loop: Heimdall cannot open this file; each looping control is counted where its loop closes.',
      );
    if (this.invalidAttestations > 0)
      summary.note(
        `${this.invalidAttestations} controls have an attestation whose status is neither passed nor failed: Heimdall refuses to open this file.`,
      );
  }
}

export async function parseInspec(
  chunks: ByteChunks,
  format: 'inspec' | 'hdf',
  variant: string,
): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder(format);
  summary.enableChecks();
  if (variant === 'json lines') {
    summary.variant = 'InSpec JSON lines';
    summary.setTool('Chef InSpec', '');
    await readJson(chunks, {
      paths: ['$'],
      multiple: true,
      onValue(_path, value) {
        const line = record(value);
        addControl(summary, line, [text(line['status'])].filter(Boolean));
        summary.producedAt ??= isoDate(line['batch_runtime']);
      },
    });
    return summary.build();
  }
  let version = '';
  const profiles = new ProfileControls();
  await readJson(chunks, {
    paths: [
      '$.version',
      '$.platform',
      '$.profiles.*.controls.*',
      '$.profiles.*.name',
      '$.profiles.*.parent_profile',
      '$.profiles.*.version',
      '$.statistics',
    ],
    onValue(path, value) {
      const [field] = path;
      if (field === 'version') version = text(value);
      else if (field === 'platform') {
        const platform = record(value);
        summary.target = `${text(platform['name'])} ${text(platform['release'])}`.trim() || null;
        if (text(platform['target_id'])) summary.details['targetId'] = text(platform['target_id']);
      } else if (field === 'statistics') {
        const duration = numberOrNull(record(value)['duration']);
        if (duration !== null) summary.details['durationSeconds'] = duration;
      } else if (field !== 'profiles' || typeof path[1] !== 'number') return;
      else if (path[2] === 'name')
        profiles.profile(path[1]).name = typeof value === 'string' ? value : undefined;
      else if (path[2] === 'parent_profile')
        profiles.profile(path[1]).parent = typeof value === 'string' ? value : undefined;
      else if (path[2] === 'version') summary.details[`profileVersion`] = text(value);
      else if (path[2] === 'controls') {
        const control = record(value);
        profiles.add(path[1], control);
        for (const result of list(control['results']).map(record)) {
          const started = isoDate(result['start_time']);
          if (started && (summary.producedAt === null || started > summary.producedAt))
            summary.producedAt = started;
        }
      }
    },
  });
  profiles.addTo(summary);
  summary.details['profiles'] = profiles.profiles.map((profile) => profile.name ?? '').join(', ');
  if (format === 'hdf') {
    summary.variant = 'Heimdall Data Format';
    summary.setTool(summary.target ?? 'Heimdall', version);
  } else {
    summary.variant = `InSpec ${version} JSON`.replace('  ', ' ');
    summary.setTool('Chef InSpec', version);
  }
  return summary.build();
}
