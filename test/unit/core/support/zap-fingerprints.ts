import { readFileSync } from 'node:fs';
import type { EvidenceObservation } from '../../../../core/issues/verification';
import { findingFingerprint } from '../../../../core/model/fingerprint';

/**
 * A minimal stand-in for the evidence feature's ZAP parser, for the verification tests only:
 * it reads the sites and alert items of a ZAP XML report with regular expressions (enough for
 * the known fixtures) and forms fingerprints as core/model/fingerprint.ts specifies for ZAP:
 * `{ site, alertRef }`, the alert's `alertRef`, else its `pluginid`.
 */
export interface ZapAlert {
  site: string;
  alertRef: string;
  name: string;
  fingerprint: string;
}

function decodeXmlText(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

const ELEMENTS = {
  alert: /<alert>([^<]*)<\/alert>/,
  alertRef: /<alertRef>([^<]*)<\/alertRef>/,
  pluginid: /<pluginid>([^<]*)<\/pluginid>/,
} as const;

function element(xml: string, name: keyof typeof ELEMENTS): string | undefined {
  const match = ELEMENTS[name].exec(xml);
  return match?.[1] === undefined ? undefined : decodeXmlText(match[1]);
}

export function zapAlerts(file: string): ZapAlert[] {
  const xml = readFileSync(file, 'utf8');
  const alerts: ZapAlert[] = [];
  for (const site of xml.matchAll(/<site name="([^"]*)"[^>]*>([\s\S]*?)<\/site>/g)) {
    const siteName = decodeXmlText(site[1] ?? '');
    for (const item of (site[2] ?? '').matchAll(/<alertitem>([\s\S]*?)<\/alertitem>/g)) {
      const body = item[1] ?? '';
      const alertRef = element(body, 'alertRef') ?? element(body, 'pluginid') ?? '';
      alerts.push({
        site: siteName,
        alertRef,
        name: element(body, 'alert') ?? '',
        fingerprint: findingFingerprint('zap', { site: siteName, alertRef }),
      });
    }
  }
  return alerts;
}

export function zapObservation(
  file: string,
  evidenceId: string,
  observedAt: string,
  sourceKey = 'zap|bodgeit',
): EvidenceObservation {
  return {
    evidenceId,
    tool: 'zap',
    sourceKey,
    observedAt,
    fingerprints: new Set(zapAlerts(file).map((alert) => alert.fingerprint)),
  };
}
