import type { ByteChunks } from '../bytes';
import {
  SummaryBuilder,
  isoDate,
  numberOrNull,
  severityFromScore,
  severityFromWord,
  shorten,
} from '../builder';
import type { EvidenceSummary, Severity } from '../model';
import type { XmlElement } from '../xml';
import { readXml } from '../xml';
import { worstSeverity } from './sbom';

/**
 * CycloneDX XML, the same summary as CycloneDX JSON: components (nested ones too) and, when the
 * BOM carries them, vulnerabilities. Both places vulnerabilities have lived are read: the
 * `vulnerabilities` element of CycloneDX 1.4 and later (affected components by `bom-ref`), and
 * the vulnerability extension of 1.0–1.3 (`v:vulnerability ref="purl"`, at the root or inside
 * the affected component).
 */

interface PendingComponent {
  ref: string;
  type: string;
  group: string;
  name: string;
  version: string;
  purl: string;
  licenses: string[];
  root: boolean;
}

interface PendingVulnerability {
  /** `ref` attribute of the extension: the affected component's purl or bom-ref. */
  refs: string[];
  id: string;
  description: string;
  severities: Severity[];
  scoreText: string;
  severityText: string;
  state: string;
}

const MAX_LABELS = 500_000;

/** A component of the BOM (or its root, under metadata); not a tool described as a component. */
function isBomComponent(element: XmlElement): boolean {
  const parent = element.parents[element.parents.length - 1];
  return (
    element.name === 'component' &&
    (parent === 'components' || parent === 'metadata') &&
    !element.parents.includes('tools')
  );
}

export async function parseCycloneDxXml(chunks: ByteChunks): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('cyclonedx');
  summary.enableComponents();
  const components: PendingComponent[] = [];
  const labels = new Map<string, string>();
  let vulnerability: PendingVulnerability | null = null;
  const toolParts = { name: '', vendor: '', version: '' };
  let toolDone = false;
  let specVersion = '';

  const label = (component: PendingComponent): string => {
    const name = component.group ? `${component.group}/${component.name}` : component.name;
    return `${name}@${component.version}`;
  };
  const finishVulnerability = (found: PendingVulnerability): void => {
    summary.enableFindings();
    const severity = worstSeverity(found.severities);
    const component = [...new Set(found.refs.map((ref) => labels.get(ref) ?? ref))].join(', ');
    summary.addFinding({
      kind: 'vulnerability',
      rule: found.id,
      title: shorten(found.description || found.id, 200),
      severity,
      location: component || found.id,
      component: component || null,
      message: found.state || null,
      identity: { kind: 'vulnerability', id: found.id, packages: component.replace(/@[^,]*/g, '') },
    });
  };

  await readXml(chunks, {
    open(element: XmlElement) {
      const parent = element.parents[element.parents.length - 1];
      if (element.name === 'bom' && element.parents.length === 0) {
        const xmlns = element.attrs['xmlns'] ?? '';
        specVersion = xmlns.slice(xmlns.lastIndexOf('/') + 1);
      } else if (isBomComponent(element)) {
        const component: PendingComponent = {
          ref: element.attrs['bom-ref'] ?? '',
          type: element.attrs['type'] ?? '',
          group: '',
          name: '',
          version: '',
          purl: '',
          licenses: [],
          root: parent === 'metadata',
        };
        components.push(component);
      } else if (element.name === 'vulnerability' && parent === 'vulnerabilities') {
        const owner = components[components.length - 1];
        const refs = [
          element.attrs['ref'] ?? '',
          owner && !owner.root ? owner.ref || owner.purl : '',
        ].filter(Boolean);
        vulnerability = {
          refs,
          id: '',
          description: '',
          severities: [],
          scoreText: '',
          severityText: '',
          state: '',
        };
      }
    },
    close(element: XmlElement, value: string) {
      const parent = element.parents[element.parents.length - 1];
      const current: PendingVulnerability | null = vulnerability;
      if (current) {
        if (element.name === 'vulnerability') {
          vulnerability = null;
          finishVulnerability(current);
        } else if (element.name === 'id' && parent === 'vulnerability') current.id = value;
        else if (
          (element.name === 'description' || element.name === 'detail') &&
          parent === 'vulnerability'
        )
          current.description ||= value;
        else if (element.name === 'severity' && parent === 'rating') current.severityText = value;
        else if (
          (element.name === 'score' && parent === 'rating') ||
          (element.name === 'base' && parent === 'score')
        )
          current.scoreText ||= value;
        else if (element.name === 'rating') {
          const word = severityFromWord(current.severityText);
          current.severities.push(
            word === 'unknown' ? severityFromScore(numberOrNull(current.scoreText)) : word,
          );
          current.severityText = '';
          current.scoreText = '';
        } else if (element.name === 'ref' && parent === 'target') current.refs.push(value);
        else if (element.name === 'state' && parent === 'analysis') current.state = value;
        return;
      }
      const component = components[components.length - 1];
      if (component && isBomComponent(element)) {
        components.pop();
        if (component.root) {
          summary.target = label(component).replace(/@$/, '');
          return;
        }
        summary.addComponent({
          name: component.group ? `${component.group}/${component.name}` : component.name,
          version: component.version,
          type: component.type || null,
          purl: component.purl || null,
          licenses: component.licenses,
        });
        if (labels.size < MAX_LABELS) {
          if (component.ref) labels.set(component.ref, label(component));
          if (component.purl) labels.set(component.purl, label(component));
        }
      } else if (component && parent === 'component') {
        if (element.name === 'group') component.group = value;
        else if (element.name === 'name') component.name = value;
        else if (element.name === 'version') component.version = value;
        else if (element.name === 'purl') component.purl = value;
      } else if (
        component &&
        parent === 'license' &&
        (element.name === 'id' || element.name === 'name')
      ) {
        component.licenses.push(value);
      } else if (component && element.name === 'expression' && parent === 'licenses') {
        component.licenses.push(value);
      } else if (element.name === 'timestamp' && parent === 'metadata') {
        summary.producedAt = isoDate(value);
      } else if (
        element.name === 'tool' ||
        (element.name === 'component' && parent === 'components')
      ) {
        toolDone ||= element.parents.includes('tools');
      } else if (
        (parent === 'tool' || parent === 'component') &&
        !toolDone &&
        element.parents.includes('tools')
      ) {
        if (element.name === 'name' || element.name === 'vendor' || element.name === 'version')
          toolParts[element.name] = value;
      }
    },
  });
  summary.setTool(toolParts.name || toolParts.vendor, toolParts.version);
  summary.variant = `CycloneDX ${specVersion} XML`.replace('  ', ' ');
  return summary.build();
}
