import type { ByteChunks } from '../bytes';
import { SummaryBuilder, list, record, text } from '../builder';
import type { EvidenceSummary, Severity } from '../model';
import { readJson } from '../json';
import { readXml } from '../xml';
import { setProducedAt } from '../dates';

/**
 * OWASP ZAP reports, XML (`OWASPZAPReport`) and JSON (`site[].alerts[]`): one finding per
 * alert and site, with its instances counted; ZAP's risk codes 0–3 are info, low, medium, high.
 * A finding's identity is `{site, alertRef}` (core/model/fingerprint.ts): the site's name and
 * the alert's `alertRef` (the plugin id, with a suffix for a plugin's variants), else its
 * `pluginid`, so the XML and JSON reports of one scan agree and scans compare across runs.
 * The report's `generated` time (`Thu, 6 Dec 2018 10:53:11`, no zone) is when it ran.
 */

const RISK: Record<string, Severity> = { '0': 'info', '1': 'low', '2': 'medium', '3': 'high' };

interface Alert {
  pluginId: string;
  alertRef: string;
  name: string;
  risk: string;
  instances: number;
  firstUri: string;
  cwe: string;
  confidence: string;
}

function addAlert(summary: SummaryBuilder, site: string, alert: Alert): void {
  summary.addFinding({
    kind: 'alert',
    rule: alert.pluginId || alert.name,
    title: alert.name,
    severity: RISK[alert.risk] ?? 'unknown',
    location: alert.firstUri || site,
    component: null,
    message: `${alert.instances} instance${alert.instances === 1 ? '' : 's'} on ${site}${alert.cwe && alert.cwe !== '-1' && alert.cwe !== '0' ? `; CWE-${alert.cwe}` : ''}`,
    identity: { site, alertRef: alert.alertRef || alert.pluginId || alert.name },
  });
}

export async function parseZapXml(chunks: ByteChunks): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('zap', 'ZAP XML report');
  summary.enableFindings();
  const sites: string[] = [];
  let site = '';
  let alert: Alert | null = null;
  await readXml(chunks, {
    open({ name, attrs }) {
      if (name === 'OWASPZAPReport') {
        summary.setTool('OWASP ZAP', attrs['version']);
        summary.details['generated'] = attrs['generated'] ?? '';
        setProducedAt(summary, attrs['generated']);
      } else if (name === 'site') {
        site = attrs['name'] ?? attrs['host'] ?? '';
        sites.push(site);
      } else if (name === 'alertitem') {
        alert = {
          pluginId: '',
          alertRef: '',
          name: '',
          risk: '',
          instances: 0,
          firstUri: '',
          cwe: '',
          confidence: '',
        };
      } else if (name === 'instance' && alert) alert.instances += 1;
    },
    close({ name, parents }, value) {
      if (!alert) return;
      const parent = parents[parents.length - 1];
      if (parent === 'alertitem') {
        if (name === 'pluginid') alert.pluginId = value;
        else if (name === 'alertRef') alert.alertRef = value;
        else if (name === 'alert' || (name === 'name' && !alert.name)) alert.name = value;
        else if (name === 'riskcode') alert.risk = value;
        else if (name === 'cweid') alert.cwe = value;
        else if (name === 'confidence') alert.confidence = value;
        else if (name === 'count' && alert.instances === 0) alert.instances = Number(value) || 0;
      } else if (parent === 'instance' && name === 'uri' && !alert.firstUri) alert.firstUri = value;
      if (name === 'alertitem') {
        addAlert(summary, site, alert);
        alert = null;
      }
    },
  });
  summary.target = sites.join(', ') || null;
  summary.details['sites'] = sites.length;
  return summary.build();
}

export async function parseZapJson(chunks: ByteChunks): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('zap', 'ZAP JSON report');
  summary.enableFindings();
  const sites: string[] = [];
  let version = '';
  await readJson(chunks, {
    paths: ['$.@version', '$.@generated', '$.site.*', '$.site'],
    onValue(path, value) {
      if (path[0] === '@version') version = text(value);
      else if (path[0] === '@generated') {
        summary.details['generated'] = text(value);
        setProducedAt(summary, value);
      } else if (path[0] === 'site') {
        // `site` is an array in current reports and a single object in some older ones.
        const entries = path.length === 2 ? [value] : Array.isArray(value) ? [] : [value];
        for (const entry of entries) {
          const siteRecord = record(entry);
          const name = text(siteRecord['@name']) || text(siteRecord['@host']);
          sites.push(name);
          for (const raw of list(siteRecord['alerts'])) {
            const alertRecord = record(raw);
            const instances = list(alertRecord['instances']);
            addAlert(summary, name, {
              pluginId: text(alertRecord['pluginid']),
              alertRef: text(alertRecord['alertRef']),
              name: text(alertRecord['name']) || text(alertRecord['alert']),
              risk: text(alertRecord['riskcode']),
              instances: instances.length || Number(text(alertRecord['count'])) || 0,
              firstUri: text(record(instances[0])['uri']),
              cwe: text(alertRecord['cweid']),
              confidence: text(alertRecord['confidence']),
            });
          }
        }
      }
    },
  });
  summary.setTool('OWASP ZAP', version);
  summary.target = sites.join(', ') || null;
  summary.details['sites'] = sites.length;
  return summary.build();
}
